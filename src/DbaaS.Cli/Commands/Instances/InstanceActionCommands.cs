using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary>
/// <c>dbaas instance restart|resize-flavor|resize-volume|reset-status</c>: POST /instances/{id}/action with one
/// of Trove's action bodies. The service answers 202 and works in the background; --wait follows it to ACTIVE
/// and then shows the instance.
/// </summary>
internal static class InstanceActionCommands
{
    public static Command Restart(CommandRunner runner) =>
        Action(runner, "restart", "Restart the database service of an instance", extra: null, _ => new JsonObject { ["restart"] = new JsonObject() });

    public static Command ResizeFlavor(CommandRunner runner)
    {
        var flavor = new Argument<string>("flavor") { Description = "ID of the new flavor" };
        return Action(runner, "resize-flavor", "Move an instance to another flavor (RAM and vCPUs)", flavor, run => new JsonObject
        {
            ["resize"] = new JsonObject { ["flavorRef"] = run.Value(flavor) },
        });
    }

    public static Command ResizeVolume(CommandRunner runner)
    {
        var size = new Argument<int>("size") { Description = "New volume size in GB (volumes only grow)" };
        return Action(runner, "resize-volume", "Grow the data volume of an instance", size, run => new JsonObject
        {
            ["resize"] = new JsonObject { ["volume"] = new JsonObject { ["size"] = run.Value(size) } },
        });
    }

    /// <summary>No --wait: a reset says what the status is, there is nothing to wait for.</summary>
    public static Command ResetStatus(CommandRunner runner) =>
        Action(runner, "reset-status", "Clear a stuck task so the instance can be used or deleted again (admin)", extra: null,
            _ => new JsonObject { ["reset_status"] = new JsonObject() }, waitsFor: null);

    private static Command Action(
        CommandRunner runner, string name, string description, Argument? extra, Func<CommandRun, JsonObject> body,
        string? waitsFor = "the instance is ACTIVE again")
    {
        var instance = InstanceCommands.InstanceArgument();
        var command = new Command(name, description) { instance };
        if (extra is not null)
        {
            command.Arguments.Add(extra);
        }
        var wait = waitsFor is null ? null : new WaitOptions(waitsFor);
        wait?.AddTo(command);

        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var found = await InstanceLookup.FindAsync(api, run.Value(instance), run.Cancellation);
            await api.PostAsync(ApiPath.Of("instances", InstanceLookup.IdOf(found), "action"), body(run), run.Cancellation);
            if (wait?.WatchFor(run, api) is { } watch)
            {
                run.Output.PrintObject(await watch.UntilReadyAsync(found), InstanceDisplay.ForTable);
            }
        });
        return command;
    }
}
