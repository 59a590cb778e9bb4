using System.Text.Json.Nodes;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Users;

/// <summary>How database users read in tables: their databases as names (the API nests them as <c>[{"name"}]</c>).</summary>
internal static class UserDisplay
{
    public static readonly IReadOnlyList<Column> ListColumns =
    [
        new("Name", "name"),
        new("Host", "host"),
        new("Databases", "databases", DatabaseNames),
    ];

    public static JsonObject ForTable(JsonObject user)
    {
        var shown = (JsonObject)user.DeepClone();
        if (shown.ContainsKey("databases"))
        {
            shown["databases"] = DatabaseNames(user);
        }
        return shown;
    }

    private static JsonArray DatabaseNames(JsonObject user) =>
        new([.. (user["databases"] as JsonArray ?? []).OfType<JsonObject>().Select(database => database["name"]?.DeepClone())]);
}
