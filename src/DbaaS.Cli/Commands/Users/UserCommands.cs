using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Commands.Instances;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Users;

/// <summary>
/// <c>dbaas user …</c>: the users inside a database instance (Trove's /instances/{id}/users), as
/// <c>openstack database user</c>. Identity users are <c>dbaas identity user</c>. Like the openstack CLI, the
/// commands that change something print nothing on success, and no command ever prints a password.
/// </summary>
internal static class UserCommands
{
    public static Command Create(CommandRunner runner) =>
        new("user", "Users inside an instance")
        {
            CreateUser(runner),
            List(runner),
            Show(runner),
            Delete(runner),
            UserUpdateCommand.Create(runner),
            UserAccessCommands.Grant(runner),
            UserAccessCommands.Revoke(runner),
            UserAccessCommands.Show(runner),
        };

    private static Command CreateUser(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var name = new Argument<string>("name") { Description = "Name of the new user" };
        var password = new Argument<string?>("password") { Description = "Password of the new user (or --password-stdin, which keeps it out of the process list)", Arity = ArgumentArity.ZeroOrOne };
        var secret = SecretInput.Argument(password, "--password-stdin", "the password", required: true);
        var host = new Option<string>("--host") { Description = "Host the user may connect from (MariaDB, MySQL; default '%', any)", HelpName = "host" };
        var databases = new Option<string[]>("--databases")
        {
            Description = "Give the user access to these databases (comma-separated, or repeat the option)",
            HelpName = "db1,db2",
        };
        var command = new Command("create", "Create a user in an instance") { instance, name, password, host, databases };
        secret.AddTo(command);
        runner.Handle(command, async run =>
        {
            var user = new JsonObject { ["name"] = run.Value(name), ["password"] = await secret.ReadAsync(run) };
            if (run.Value(host) is { } userHost)
            {
                user["host"] = userHost;
            }
            var access = (run.Value(databases) ?? []).SelectMany(list => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (access.Count > 0)
            {
                user["databases"] = DatabaseList(access);
            }

            var api = await run.DatabaseAsync();
            var id = await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation);
            await api.PostAsync(ApiPath.Of("instances", id, "users"), new JsonObject { ["users"] = new JsonArray(user) }, run.Cancellation);
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var paging = new PagingOptions("name@host", "Start after this user");
        var command = new Command("list", "List the users of an instance, one page unless --all") { instance };
        paging.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var id = await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation);
            var users = await paging.ReadAsync(run, api, ApiPath.Of("instances", id, "users"), "users", query: []);
            run.Output.PrintList(users, UserDisplay.ListColumns);
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var target = new UserTarget();
        var command = new Command("show", "Show a user: its host and the databases it can reach");
        target.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var user = (await api.GetAsync(await target.PathAsync(run, api), run.Cancellation)).ObjectIn("user");
            run.Output.PrintObject(user, UserDisplay.ForTable);
        });
        return command;
    }

    private static Command Delete(CommandRunner runner)
    {
        var target = new UserTarget();
        var command = new Command("delete", "Delete a user from an instance");
        target.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            await api.DeleteAsync(await target.PathAsync(run, api), run.Cancellation);
        });
        return command;
    }

    /// <summary>Trove's <c>[{"name":…}]</c> list of databases, in user creation and grants alike.</summary>
    public static JsonArray DatabaseList(IEnumerable<string> names) =>
        new([.. names.Select(database => (JsonNode)new JsonObject { ["name"] = database })]);
}
