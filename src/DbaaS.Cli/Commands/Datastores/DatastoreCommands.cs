using System.CommandLine;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Datastores;

/// <summary><c>dbaas datastore list|show</c> and the <c>version</c> group below it.</summary>
internal static class DatastoreCommands
{
    private static readonly IReadOnlyList<Column> ListColumns = [new("ID", "id"), new("Name", "name")];

    public static Command Create(CommandRunner runner) =>
        new("datastore", "Datastores (database engines) and their versions")
        {
            List(runner),
            Show(runner),
            DatastoreVersionCommands.Create(runner),
        };

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List datastores");
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var datastores = await api.GetAsync("datastores", run.Cancellation);
            run.Output.PrintList(datastores.ListIn("datastores"), ListColumns);
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var datastore = new Argument<string>("datastore") { Description = "ID or name of the datastore" };
        var command = new Command("show", "Show one datastore with its versions") { datastore };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var body = await api.GetAsync(ApiPath.Of("datastores", run.Value(datastore)), run.Cancellation);
            run.Output.PrintObject(body.ObjectIn("datastore"), DatastoreDisplay.ForTable);
        });
        return command;
    }
}
