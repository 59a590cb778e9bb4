using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary><c>dbaas instance create</c>: POST /instances with Trove's create body, and with --wait, follow the build.</summary>
internal static class InstanceCreateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Name of the new instance" };
        var flavor = new Option<string>("--flavor") { Description = "Flavor ID (see 'dbaas flavor list')", HelpName = "flavor-id", Required = true };
        var size = new Option<int>("--size") { Description = "Volume size in GB", HelpName = "gb", Required = true };
        var datastore = new Option<string>("--datastore") { Description = "Datastore name, e.g. mariadb", HelpName = "datastore", Required = true };
        var version = new Option<string>("--datastore-version") { Description = "Datastore version; the datastore's default when left out", HelpName = "version" };
        var databases = new Option<string[]>("--database") { Description = "Create this database; repeat for more", HelpName = "name" };
        var users = new Option<string[]>("--user")
        {
            Description = "Create this user with access to the databases listed after '@'; repeat for more",
            HelpName = InstanceUserSpec.Syntax,
        };
        users.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!InstanceUserSpec.TryParse(token.Value, out _, out var problem))
                {
                    result.AddError(problem);
                }
            }
        });
        var wait = new WaitOptions("the instance is ACTIVE");

        var command = new Command("create", "Create a database instance") { name, flavor, size, datastore, version, databases, users };
        wait.AddTo(command);

        runner.Handle(command, async run =>
        {
            var request = new JsonObject
            {
                ["name"] = run.Value(name),
                ["flavorRef"] = run.Value(flavor),
                ["volume"] = new JsonObject { ["size"] = run.Value(size) },
                ["datastore"] = Datastore(run.Value(datastore)!, run.Value(version)),
            };
            if (run.Value(databases) is { Length: > 0 } databaseNames)
            {
                request["databases"] = new JsonArray([.. databaseNames.Select(database => (JsonNode)new JsonObject { ["name"] = database })]);
            }
            if (run.Value(users) is { Length: > 0 } userSpecs)
            {
                request["users"] = new JsonArray([.. userSpecs.Select(spec => (JsonNode)InstanceUserSpec.Parse(spec).ToJson())]);
            }

            var api = await run.DatabaseAsync();
            var created = (await api.PostAsync("instances", new JsonObject { ["instance"] = request }, run.Cancellation)).ObjectIn("instance");
            var shown = wait.WatchFor(run, api) is { } watch ? await watch.UntilReadyAsync(created) : created;
            run.Output.PrintObject(shown, InstanceDisplay.ForTable);
        });
        return command;
    }

    private static JsonObject Datastore(string type, string? version)
    {
        var datastore = new JsonObject { ["type"] = type };
        if (version is not null)
        {
            datastore["version"] = version;
        }
        return datastore;
    }
}
