using System.CommandLine;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Root;

/// <summary>
/// <c>dbaas mgmt root show</c> (admin): who enabled root on an instance and when (Trove's /mgmt/instances/{id}/root).
/// By ID only, like the other mgmt commands: names are not unique across projects.
/// </summary>
internal static class MgmtRootCommands
{
    public static Command Create(CommandRunner runner) =>
        new("root", "Root history of any project's instance (admin)") { Show(runner) };

    private static Command Show(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "ID of the instance" };
        var command = new Command("show", "Show who enabled root on an instance and when ('Never' if nobody did)") { id };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var history = await api.GetAsync(ApiPath.Of("mgmt", "instances", run.Value(id), "root"), run.Cancellation);
            run.Output.PrintObject(history.ObjectIn("root_history"));
        });
        return command;
    }
}
