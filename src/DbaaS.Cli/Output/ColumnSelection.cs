using System.Text.Json.Nodes;

namespace DbaaS.Cli.Output;

/// <summary>
/// Applies <c>-c</c>. A name may be a column header ("RAM") or an API field ("ram"), and a list may also
/// ask for any field its rows carry (say <c>str_id</c>). An unknown name is a calling mistake, not an empty column.
/// </summary>
internal static class ColumnSelection
{
    public static IReadOnlyList<Column> ForList(IReadOnlyList<string> names, IReadOnlyList<Column> columns, IReadOnlyList<JsonObject> rows)
    {
        if (names.Count == 0)
        {
            return columns;
        }
        return names.Select(Find).ToList();

        Column Find(string name)
        {
            if (columns.FirstOrDefault(column => column.IsNamed(name)) is { } known)
            {
                return known;
            }
            return FieldCarriedBy(rows, name) is { } field
                ? new Column(field, field)
                : throw Unknown(name, columns.Select(c => c.Header));
        }
    }

    public static IEnumerable<string> ForObject(IReadOnlyList<string> names, IEnumerable<string> fields)
    {
        var available = fields.ToList();
        if (names.Count == 0)
        {
            return available;
        }
        return names.Select(name =>
            available.FirstOrDefault(field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase))
            ?? throw Unknown(name, available)).ToList();
    }

    private static string? FieldCarriedBy(IReadOnlyList<JsonObject> rows, string name) =>
        rows.SelectMany(row => row.Select(pair => pair.Key))
            .FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase));

    private static CliError Unknown(string name, IEnumerable<string> choices) =>
        new($"No column named '{name}'. Choose from: {string.Join(", ", choices)}.", ExitCodes.Usage);
}
