using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DbaaS.Cli.Output;

/// <summary>
/// Prints what a command got back, in the format the user asked for. Lists use the command's openstack
/// column set; a single object is a sorted Field/Value table like <c>openstack … show</c>. JSON output
/// is the API's own objects, unreshaped, because scripts want the wire field names.
/// </summary>
internal sealed class ResultPrinter(TextWriter stdout, TerminalStyle terminal, OutputFormat format, IReadOnlyList<string> selectedColumns)
{
    private static readonly JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Links are navigation for HTTP clients; troveclient drops them from its tables too.
    private const string LinksField = "links";

    public OutputFormat Format { get; } = format;

    public void PrintList(JsonArray rows, IReadOnlyList<Column> columns, string? title = null)
    {
        var objects = rows.OfType<JsonObject>().ToList();
        var shown = ColumnSelection.ForList(selectedColumns, columns, objects);
        switch (Format)
        {
            case OutputFormat.Json:
                PrintJson(selectedColumns.Count == 0 ? rows : new JsonArray([.. objects.Select(row => Pick(row, shown.Select(c => c.Field)))]));
                break;
            case OutputFormat.Value:
                foreach (var row in objects)
                {
                    stdout.WriteLine(string.Join(' ', shown.Select(column => ValueText(column.ValueIn(row)))));
                }
                break;
            default:
                WriteTable(title, shown.Select(c => c.Header), objects.Select(row => shown.Select(c => CellText.Of(c.ValueIn(row)))));
                break;
        }
    }

    /// <param name="item">The object as the API sent it; JSON output prints exactly this.</param>
    /// <param name="display">Optional reshaping for table and value output (e.g. a datastore's versions as "name (id)").</param>
    public void PrintObject(JsonObject item, Func<JsonObject, JsonObject>? display = null, string? title = null)
    {
        if (Format == OutputFormat.Json)
        {
            PrintJson(selectedColumns.Count == 0 ? item : Pick(item, ColumnSelection.ForObject(selectedColumns, item.Select(p => p.Key))));
            return;
        }

        var shown = display is null ? item : display(item);
        var fields = shown.Where(pair => pair.Key != LinksField).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
        fields = ColumnSelection.ForObject(selectedColumns, fields).ToList();
        if (Format == OutputFormat.Value)
        {
            foreach (var field in fields)
            {
                stdout.WriteLine(ValueText(shown[field]));
            }
            return;
        }
        WriteTable(title, ["Field", "Value"], fields.Select(field => new[] { field, CellText.Of(shown[field]) }));
    }

    public void PrintJson(JsonNode? node) => stdout.WriteLine(node?.ToJsonString(IndentedJson) ?? "null");

    private static string ValueText(JsonNode? node) => CellText.Of(node).ReplaceLineEndings(", ");

    private static JsonObject Pick(JsonObject source, IEnumerable<string> fields)
    {
        var picked = new JsonObject();
        foreach (var field in fields)
        {
            picked[field] = source[field]?.DeepClone();
        }
        return picked;
    }

    private void WriteTable(string? title, IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows)
    {
        var table = new Table { Border = terminal.Plain ? TableBorder.Ascii2 : TableBorder.Rounded };
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, terminal.HeaderStyle)));
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        }
        terminal.Console.Write(table);
    }
}
