using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace DbaaS.Cli.Commands.Instances;

/// <summary>
/// One <c>--user NAME:PASSWORD[@DB1,DB2]</c> of <c>instance create</c>. The name ends at the first ':' and the
/// database list starts after the last '@', so a password may contain ':' freely; a password containing '@'
/// is written with a trailing '@' and an empty list (<c>app:p@ss@</c>).
/// </summary>
internal sealed record InstanceUserSpec(string Name, string Password, IReadOnlyList<string> Databases)
{
    public const string Syntax = "NAME:PASSWORD[@DB1,DB2]";

    /// <param name="problem">Why the value is wrong. It never repeats the value: that would print the password.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out InstanceUserSpec? spec, [NotNullWhen(false)] out string? problem)
    {
        spec = null;
        var colon = text.IndexOf(':');
        if (colon < 0)
        {
            problem = $"--user takes {Syntax}; one value has no ':' between the name and the password.";
            return false;
        }
        var name = text[..colon];
        if (name.Length == 0)
        {
            problem = $"--user takes {Syntax}; one value has an empty name before the ':'.";
            return false;
        }

        var rest = text[(colon + 1)..];
        var at = rest.LastIndexOf('@');
        var password = at < 0 ? rest : rest[..at];
        if (password.Length == 0)
        {
            problem = $"--user '{name}' has an empty password.";
            return false;
        }

        var databaseList = at < 0 ? "" : rest[(at + 1)..];
        var databases = databaseList.Length == 0 ? [] : databaseList.Split(',');
        if (databases.Any(database => database.Length == 0))
        {
            problem = $"--user '{name}' names an empty database in the list after '@'.";
            return false;
        }

        spec = new InstanceUserSpec(name, password, databases);
        problem = null;
        return true;
    }

    public static InstanceUserSpec Parse(string text) =>
        TryParse(text, out var spec, out var problem) ? spec : throw new CliError(problem, ExitCodes.Usage);

    /// <summary>Trove's user shape in a create request: <c>{"name","password","databases":[{"name"}]}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["password"] = Password,
        ["databases"] = new JsonArray([.. Databases.Select(database => (JsonNode)new JsonObject { ["name"] = database })]),
    };

    // A record prints its members; this one must not print the password.
    public override string ToString() => $"{Name}:***@{string.Join(',', Databases)}";
}
