using System.CommandLine;

namespace DbaaS.Cli.Output;

/// <summary>The <c>-f</c>/<c>-c</c> options every printing command carries, as in the openstack CLI.</summary>
internal sealed class OutputOptions
{
    public Option<string> Format { get; } = new("--format", "-f")
    {
        Description = "Output format",
        HelpName = "table|json|value",
        DefaultValueFactory = _ => "table",
    };

    public Option<string[]> Columns { get; } = new("--column", "-c")
    {
        Description = "Only show this column (header or API field name); repeat for more",
        HelpName = "column",
    };

    public OutputOptions(bool allowColumnSelection = true)
    {
        Format.AcceptOnlyFromAmong("table", "json", "value");
        AllowsColumnSelection = allowColumnSelection;
    }

    public bool AllowsColumnSelection { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        if (AllowsColumnSelection)
        {
            command.Options.Add(Columns);
        }
    }

    public OutputFormat FormatIn(ParseResult parse) => parse.GetValue(Format) switch
    {
        "json" => OutputFormat.Json,
        "value" => OutputFormat.Value,
        _ => OutputFormat.Table,
    };

    public IReadOnlyList<string> ColumnsIn(ParseResult parse) =>
        AllowsColumnSelection ? parse.GetValue(Columns) ?? [] : [];
}
