using System.Text.Json.Nodes;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Instances;

/// <summary>
/// How instances read in tables. The API nests (<c>datastore.type</c>, <c>volume.size</c>, a mgmt view's
/// <c>server.host</c>); a show table lifts nested fields to dotted names so each gets its own row.
/// JSON output keeps the API's shape.
/// </summary>
internal static class InstanceDisplay
{
    public static readonly IReadOnlyList<Column> ListColumns =
    [
        new("ID", "id"),
        new("Name", "name"),
        new("Datastore", "datastore", instance => Nested(instance, "datastore", "type")),
        new("Version", "datastore", instance => Nested(instance, "datastore", "version")),
        new("Status", "status"),
        new("Operating status", "operating_status"),
        new("Flavor", "flavor", instance => Nested(instance, "flavor", "id")),
        new("Size", "volume", instance => Nested(instance, "volume", "size")),
        new("Host:Port", "hostname", HostAndPort),
    ];

    /// <summary>The mgmt list adds who owns the instance and what the three status sources say.</summary>
    public static readonly IReadOnlyList<Column> MgmtListColumns =
    [
        new("ID", "id"),
        new("Name", "name"),
        new("Project", "tenant_id"),
        new("Datastore", "datastore", instance => Nested(instance, "datastore", "type")),
        new("Version", "datastore", instance => Nested(instance, "datastore", "version")),
        new("Status", "status"),
        new("Operating status", "operating_status"),
        new("Server status", "server", instance => Nested(instance, "server", "status")),
        new("Task", "task_description"),
        new("Deleted", "deleted"),
    ];

    public static JsonObject ForTable(JsonObject instance)
    {
        var flat = new JsonObject();
        Lift(instance, prefix: "", flat);
        return flat;
    }

    /// <summary>"'name' (id)", how messages name an instance.</summary>
    public static string Label(JsonObject instance) => $"'{instance.Text("name")}' ({instance.Text("id")})";

    private static void Lift(JsonObject source, string prefix, JsonObject into)
    {
        foreach (var (field, value) in source)
        {
            // Links are navigation for HTTP clients, at any depth (a flavor carries its own).
            if (field == "links")
            {
                continue;
            }
            if (value is JsonObject nested && nested.Count > 0)
            {
                Lift(nested, prefix + field + ".", into);
            }
            else
            {
                into[prefix + field] = value?.DeepClone();
            }
        }
    }

    private static JsonNode? Nested(JsonObject instance, string outer, string inner) =>
        (instance[outer] as JsonObject)?[inner]?.DeepClone();

    private static JsonNode? HostAndPort(JsonObject instance)
    {
        if (instance.Text("hostname") is not { Length: > 0 } host)
        {
            return null;
        }
        // An IPv6 literal needs brackets, or its own colons run into the port's.
        var shownHost = host.Contains(':') ? $"[{host}]" : host;
        return instance.Text("port") is { } port ? $"{shownHost}:{port}" : shownHost;
    }
}
