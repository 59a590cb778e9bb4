using System.CommandLine;
using DbaaS.Cli.Commands.Instances;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Users;

/// <summary>
/// The instance, user name and <c>--host</c> that every command on one database user starts with, and the route they
/// make: Trove names a user <c>name</c> or <c>name@host</c>, escaped as one path segment (<c>app%40%25</c> for
/// <c>app</c> at host <c>%</c>), and the server reads the part after the last '@' as the host.
/// </summary>
internal sealed class UserTarget
{
    public Argument<string> Instance { get; } = InstanceCommands.InstanceArgument();

    public Argument<string> Name { get; } = new("name") { Description = "Name of the database user" };

    public Option<string> Host { get; } = new("--host")
    {
        Description = "Host the user connects from (MariaDB, MySQL); the server's default, '%', when left out",
        HelpName = "host",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Insert(0, Instance);
        command.Arguments.Insert(1, Name);
        command.Options.Add(Host);
        command.Validators.Add(result =>
        {
            // Without a host the server would cut "a@b" into user "a" at host "b": make the user say which is meant.
            if (result.GetValue(Name) is { } name && name.Contains('@') && result.GetResult(Host) is null)
            {
                result.AddError($"The name '{name}' contains '@': give --host too (e.g. --host %), or the server reads what follows the '@' as the host.");
            }
        });
    }

    /// <summary>The user's route, optionally with <paramref name="below"/> appended (e.g. "databases", a database name).</summary>
    public async Task<string> PathAsync(CommandRun run, ApiClient api, params string[] below)
    {
        var instanceId = await InstanceLookup.IdAsync(api, run.Value(Instance), run.Cancellation);
        return ApiPath.Of(["instances", instanceId, "users", Segment(run.Value(Name), run.Value(Host)), .. below]);
    }

    public static string Segment(string name, string? host) => host is null ? name : $"{name}@{host}";
}
