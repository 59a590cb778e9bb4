using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Commands.Instances;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Root;

/// <summary>
/// <c>dbaas root enable|show|disable</c>: the engine's superuser on an instance (Trove's /instances/{id}/root).
/// <c>enable</c> prints the root name and password: the only time the server ever hands the password out.
/// </summary>
internal static class RootCommands
{
    public static Command Create(CommandRunner runner) =>
        new("root", "The superuser of an instance") { Enable(runner), Show(runner), Disable(runner) };

    private static Command Enable(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var password = new Option<string>("--password") { Description = "Use this password instead of a generated one", HelpName = "password" };
        var secret = SecretInput.Option(password, "--password-stdin", "the root password", required: false);
        var command = new Command("enable", "Enable root and print its name and password (generated unless given), once") { instance, password };
        secret.AddTo(command);
        runner.Handle(command, async run =>
        {
            var chosen = await secret.ReadAsync(run);
            var api = await run.DatabaseAsync();
            var path = ApiPath.Of("instances", await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation), "root");
            // No body without a password, as troveclient sends it; the server then generates one.
            var body = chosen is null ? null : new JsonObject { ["password"] = chosen };
            var enabled = await api.SendAsync(HttpMethod.Post, path, body, run.Cancellation);
            run.Output.PrintObject(enabled.Body.ObjectIn("user"));
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var command = new Command("show", "Say whether root has been enabled on an instance") { instance };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var path = ApiPath.Of("instances", await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation), "root");
            run.Output.PrintObject((await api.GetAsync(path, run.Cancellation)).AsObjectBody());
        });
        return command;
    }

    private static Command Disable(CommandRunner runner)
    {
        var instance = InstanceCommands.InstanceArgument();
        var command = new Command("disable", "Disable root on an instance") { instance };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var path = ApiPath.Of("instances", await InstanceLookup.IdAsync(api, run.Value(instance), run.Cancellation), "root");
            await api.DeleteAsync(path, run.Cancellation);
        });
        return command;
    }
}
