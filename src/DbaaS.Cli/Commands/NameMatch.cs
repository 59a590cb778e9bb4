using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands;

/// <summary>Picks the one item with a given name, refusing to guess when several share it.</summary>
internal static class NameMatch
{
    public static JsonObject? Single(IEnumerable<JsonObject> items, string name, string kind)
    {
        var matches = items.Where(item => item.Text("name") == name).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new CliError($"More than one {kind} is named '{name}'; use its ID instead."),
        };
    }
}
