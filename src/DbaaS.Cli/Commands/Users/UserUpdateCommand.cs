using System.CommandLine;
using System.Text.Json.Nodes;

namespace DbaaS.Cli.Commands.Users;

/// <summary>
/// <c>dbaas user update</c>: rename a user, move it to another host, or change its password, in one
/// <c>PUT /instances/{id}/users/{user}</c> carrying only what changes.
/// </summary>
internal static class UserUpdateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var target = new UserTarget();
        var newName = new Option<string>("--new-name") { Description = "Rename the user", HelpName = "name" };
        var newHost = new Option<string>("--new-host") { Description = "Let the user connect from this host instead", HelpName = "host" };
        var newPassword = new Option<string>("--new-password") { Description = "Change the user's password", HelpName = "password" };
        var secret = SecretInput.Option(newPassword, "--new-password-stdin", "the new password", required: false);
        var command = new Command("update", "Change a user's name, host or password");
        target.AddTo(command);
        command.Options.Add(newName);
        command.Options.Add(newHost);
        command.Options.Add(newPassword);
        secret.AddTo(command);
        command.Validators.Add(result =>
        {
            var changes = new Option[] { newName, newHost, newPassword, secret.FromStdin };
            if (changes.All(option => result.GetResult(option) is null))
            {
                result.AddError("Give at least one of --new-name, --new-host, --new-password or --new-password-stdin.");
            }
        });

        runner.Handle(command, async run =>
        {
            var change = new JsonObject();
            if (run.Value(newName) is { } name)
            {
                change["name"] = name;
            }
            if (run.Value(newHost) is { } host)
            {
                change["host"] = host;
            }
            if (await secret.ReadAsync(run) is { } password)
            {
                change["password"] = password;
            }

            var api = await run.DatabaseAsync();
            await api.PutAsync(await target.PathAsync(run, api), new JsonObject { ["user"] = change }, run.Cancellation);
        });
        return command;
    }
}
