using System.CommandLine;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary><c>dbaas instance …</c>: the project's database instances (Trove's /instances routes).</summary>
internal static class InstanceCommands
{
    public static Command Create(CommandRunner runner) =>
        new("instance", "Database instances")
        {
            InstanceCreateCommand.Create(runner),
            List(runner),
            Show(runner),
            InstanceChangeCommands.Update(runner),
            InstanceChangeCommands.Delete(runner),
            InstanceActionCommands.Restart(runner),
            InstanceActionCommands.ResizeFlavor(runner),
            InstanceActionCommands.ResizeVolume(runner),
            InstanceActionCommands.ResetStatus(runner),
        };

    /// <summary>The instance argument every command but create and list takes.</summary>
    public static Argument<string> InstanceArgument() => new("instance") { Description = "ID or name of the instance" };

    private static Command List(CommandRunner runner)
    {
        var paging = new PagingOptions();
        var command = new Command("list", "List instances, one page unless --all");
        paging.AddTo(command);
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var instances = await paging.ReadAsync(run, api, "instances", "instances", query: []);
            run.Output.PrintList(instances, InstanceDisplay.ListColumns);
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var instance = InstanceArgument();
        var command = new Command("show", "Show one instance, with its fault when it failed") { instance };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            run.Output.PrintObject(await InstanceLookup.FindAsync(api, run.Value(instance), run.Cancellation), InstanceDisplay.ForTable);
        });
        return command;
    }
}
