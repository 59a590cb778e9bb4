using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Commands.Instances;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Databases;

/// <summary>
/// <c>dbaas database create|list|delete</c>: the databases inside an instance (Trove's /instances/{id}/databases).
/// Like the openstack CLI, create and delete print nothing on success; the work happens on the instance.
/// </summary>
internal static class DatabaseCommands
{
    public static readonly IReadOnlyList<Column> ListColumns = [new("Name", "name")];

    public static Command Create(CommandRunner runner) =>
        new("database", "Databases inside an instance") { CreateDatabase(runner), List(runner), Delete(runner) };

    private static Command CreateDatabase(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var name = new Argument<string>("name") { Description = "Name of the new database" };
        var characterSet = new Option<string>("--character-set") { Description = "Character set, e.g. utf8mb4 (engines that have one)", HelpName = "charset" };
        var collate = new Option<string>("--collate") { Description = "Collation, e.g. utf8mb4_unicode_ci (engines that have one)", HelpName = "collation" };
        var command = new Command("create", "Create a database in an instance") { instance, name, characterSet, collate };
        runner.Handle(command, async run =>
        {
            var database = new JsonObject { ["name"] = run.Value(name) };
            if (run.Value(characterSet) is { } charset)
            {
                database["character_set"] = charset;
            }
            if (run.Value(collate) is { } collation)
            {
                database["collate"] = collation;
            }

            var api = await run.DatabaseAsync();
            var id = await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation);
            var request = new JsonObject { ["databases"] = new JsonArray(database) };
            await api.PostAsync(ApiPath.Of("instances", id, "databases"), request, run.Cancellation);
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var paging = new PagingOptions("name", "Start after the database with this name");
        var command = new Command("list", "List the databases of an instance, one page unless --all") { instance };
        paging.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var id = await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation);
            var databases = await paging.ReadAsync(run, api, ApiPath.Of("instances", id, "databases"), "databases", query: []);
            run.Output.PrintList(databases, ListColumns);
        });
        return command;
    }

    private static Command Delete(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var name = new Argument<string>("name") { Description = "Name of the database to drop, with all its data" };
        var command = new Command("delete", "Delete a database from an instance") { instance, name };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var id = await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation);
            await api.DeleteAsync(ApiPath.Of("instances", id, "databases", run.Value(name)), run.Cancellation);
        });
        return command;
    }
}
