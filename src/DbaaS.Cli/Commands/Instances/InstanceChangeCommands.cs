using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary><c>dbaas instance update|delete</c>. Like the openstack CLI, both print nothing on success unless waiting.</summary>
internal static class InstanceChangeCommands
{
    public static Command Update(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var name = new Option<string>("--name") { Description = "New name of the instance", HelpName = "name", Required = true };
        var command = new Command("update", "Rename an instance") { instance, name };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var found = await InstanceLookup.FindAsync(api, run.Value(instance), run.Cancellation);
            // PATCH, as Trove has it: its PUT on an instance attaches a configuration group instead.
            var change = new JsonObject { ["instance"] = new JsonObject { ["name"] = run.Value(name) } };
            await api.PatchAsync(ApiPath.Of("instances", InstanceLookup.IdOf(found)), change, run.Cancellation);
        });
        return command;
    }

    public static Command Delete(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var wait = new WaitOptions("the instance is gone");
        var command = new Command("delete", "Delete an instance and its data") { instance };
        wait.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var found = await InstanceLookup.FindAsync(api, run.Value(instance), run.Cancellation);
            await api.DeleteAsync(ApiPath.Of("instances", InstanceLookup.IdOf(found)), run.Cancellation);
            if (wait.WatchFor(run, api) is { } watch)
            {
                await watch.UntilGoneAsync(found);
            }
        });
        return command;
    }
}
