using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Datastores;

/// <summary>
/// How <c>datastore show</c> reads in a table, as troveclient prints it: versions as "name (id)" lines and
/// the default version by name instead of a bare UUID. JSON output keeps the API's shape.
/// </summary>
internal static class DatastoreDisplay
{
    public static JsonObject ForTable(JsonObject datastore)
    {
        var shown = (JsonObject)datastore.DeepClone();
        var versions = (shown["versions"] as JsonArray ?? []).Objects().ToList();
        shown.Remove("versions");
        shown["versions (id)"] = string.Join("\n", versions.Select(v => $"{v.Text("name")} ({v.Text("id")})"));

        var defaultId = shown.Text("default_version");
        if (versions.FirstOrDefault(v => v.Text("id") == defaultId)?.Text("name") is { } defaultName)
        {
            shown["default_version"] = defaultName;
        }
        return shown;
    }
}
