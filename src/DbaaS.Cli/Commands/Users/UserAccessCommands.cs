using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Commands.Databases;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Users;

/// <summary>
/// <c>dbaas user grant-access|revoke-access|show-access</c>: which databases a user can reach
/// (Trove's /instances/{id}/users/{user}/databases).
/// </summary>
internal static class UserAccessCommands
{
    public static Command Grant(CommandRunner runner)
    {
        var target = new UserTarget();
        var databases = new Argument<string[]>("databases") { Description = "Databases to give the user access to", Arity = ArgumentArity.OneOrMore };
        var command = new Command("grant-access", "Give a user access to databases") { databases };
        target.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var grant = new JsonObject { ["databases"] = UserCommands.DatabaseList(run.Value(databases)) };
            await api.PutAsync(await target.PathAsync(run, api, "databases"), grant, run.Cancellation);
        });
        return command;
    }

    public static Command Revoke(CommandRunner runner)
    {
        var target = new UserTarget();
        var database = new Argument<string>("database") { Description = "Database the user loses access to" };
        var command = new Command("revoke-access", "Take a user's access to a database away") { database };
        target.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            await api.DeleteAsync(await target.PathAsync(run, api, "databases", run.Value(database)), run.Cancellation);
        });
        return command;
    }

    public static Command Show(CommandRunner runner)
    {
        var target = new UserTarget();
        var command = new Command("show-access", "List the databases a user can reach");
        target.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            // Every page: this list answers a question ("can it reach X?"), which half a list would answer wrongly.
            var databases = await PagedList.AllAsync(api, await target.PathAsync(run, api, "databases"), "databases", query: [], limit: null, marker: null, run.Cancellation);
            run.Output.PrintList(new JsonArray([.. databases.Select(database => database.DeepClone())]), DatabaseCommands.ListColumns);
        });
        return command;
    }
}
