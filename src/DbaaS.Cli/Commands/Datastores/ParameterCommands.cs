using System.CommandLine;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Datastores;

/// <summary><c>dbaas datastore version parameter list|show</c>: the configuration parameters a version accepts.</summary>
internal static class ParameterCommands
{
    // troveclient's columns; our extra fields (dynamic, default, allowed_values, unit, description) show up in `show` and JSON.
    private static readonly IReadOnlyList<Column> ListColumns =
    [
        new("Name", "name"),
        new("Type", "type"),
        new("Min Size", "min"),
        new("Max Size", "max"),
        new("Restart Required", "restart_required"),
    ];

    public static Command Create(CommandRunner runner) =>
        new("parameter", "Configuration parameters of a datastore version") { List(runner), Show(runner) };

    private static Command List(CommandRunner runner)
    {
        var version = VersionArgument();
        var datastore = DatastoreOption.Create();
        var command = new Command("list", "List the configuration parameters of a datastore version") { version, datastore };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var path = DatastoreOption.VersionPath(run.Value(datastore), run.Value(version)) + "/parameters";
            var parameters = await api.GetAsync(path, run.Cancellation);
            run.Output.PrintList(parameters.ListIn("configuration-parameters"), ListColumns);
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var version = VersionArgument();
        var name = new Argument<string>("name") { Description = "Name of the parameter, e.g. max_connections" };
        var datastore = DatastoreOption.Create();
        var command = new Command("show", "Show one configuration parameter") { version, name, datastore };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var path = DatastoreOption.VersionPath(run.Value(datastore), run.Value(version)) + "/" + ApiPath.Of("parameters", run.Value(name));
            // Unlike most show routes, Trove answers this one without an envelope.
            run.Output.PrintObject((await api.GetAsync(path, run.Cancellation)).AsObjectBody());
        });
        return command;
    }

    private static Argument<string> VersionArgument() =>
        new("version") { Description = "ID of the datastore version, or its name together with --datastore" };
}
