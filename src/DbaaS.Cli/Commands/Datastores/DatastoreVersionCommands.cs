using System.CommandLine;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Datastores;

/// <summary><c>dbaas datastore version list|show</c> and the <c>parameter</c> group below it.</summary>
internal static class DatastoreVersionCommands
{
    private static readonly IReadOnlyList<Column> ListColumns = [new("ID", "id"), new("Name", "name")];

    public static Command Create(CommandRunner runner) =>
        new("version", "Versions of a datastore")
        {
            List(runner),
            Show(runner),
            ParameterCommands.Create(runner),
        };

    private static Command List(CommandRunner runner)
    {
        var datastore = new Argument<string>("datastore") { Description = "ID or name of the datastore" };
        var command = new Command("list", "List the versions of a datastore") { datastore };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var versions = await api.GetAsync(ApiPath.Of("datastores", run.Value(datastore), "versions"), run.Cancellation);
            run.Output.PrintList(versions.ListIn("versions"), ListColumns);
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var version = new Argument<string>("version") { Description = "ID of the version, or its name together with --datastore" };
        var datastore = DatastoreOption.Create();
        var command = new Command("show", "Show one datastore version") { version, datastore };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var path = DatastoreOption.VersionPath(run.Value(datastore), run.Value(version));
            run.Output.PrintObject((await api.GetAsync(path, run.Cancellation)).ObjectIn("version"));
        });
        return command;
    }
}
