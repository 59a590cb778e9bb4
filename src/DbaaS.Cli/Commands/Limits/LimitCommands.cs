using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Limits;

/// <summary>
/// <c>dbaas limit list</c>. Trove returns one list mixing the project's absolute quotas (verb "ABSOLUTE")
/// with per-verb rate limits; they mean different things, so tables show them apart.
/// </summary>
internal static class LimitCommands
{
    private const string AbsoluteVerb = "ABSOLUTE";

    // troveclient's columns plus URI, without which two POST limits (for * and */mgmt) look identical.
    private static readonly IReadOnlyList<Column> RateColumns =
    [
        new("Value", "value"),
        new("Verb", "verb"),
        new("URI", "uri"),
        new("Remaining", "remaining"),
        new("Unit", "unit"),
    ];

    public static Command Create(CommandRunner runner) =>
        new("limit", "Limits of the current project") { List(runner) };

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List absolute limits and rate limits");
        runner.Handle(command, new OutputOptions(allowColumnSelection: false), async run =>
        {
            var api = await run.DatabaseAsync();
            var limits = (await api.GetAsync("limits", run.Cancellation)).ListIn("limits");
            if (run.Output.Format == OutputFormat.Json)
            {
                run.Output.PrintJson(limits);
                return;
            }

            var absolute = limits.Objects().FirstOrDefault(limit => limit.Text("verb") == AbsoluteVerb);
            if (absolute is not null)
            {
                run.Output.PrintObject(WithoutVerb(absolute), title: "Absolute limits");
            }
            var rates = new JsonArray([.. limits.Objects().Where(limit => limit.Text("verb") != AbsoluteVerb).Select(l => l.DeepClone())]);
            run.Output.PrintList(rates, RateColumns, title: "Rate limits");
        });
        return command;
    }

    private static JsonObject WithoutVerb(JsonObject absolute)
    {
        var copy = (JsonObject)absolute.DeepClone();
        copy.Remove("verb");
        return copy;
    }
}
