using System.CommandLine;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary><c>--wait</c> and <c>--wait-timeout</c>, for commands whose work the service finishes in the background.</summary>
internal sealed class WaitOptions
{
    public const int DefaultTimeoutSeconds = 600;

    public Option<bool> Wait { get; }

    public Option<int> TimeoutSeconds { get; } = new("--wait-timeout")
    {
        Description = "With --wait, give up after this many seconds; the operation itself goes on",
        HelpName = "seconds",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    public WaitOptions(string waitsFor)
    {
        Wait = new Option<bool>("--wait") { Description = $"Wait until {waitsFor}, printing each status change" };
        TimeoutSeconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--wait-timeout must be a positive number of seconds.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Wait);
        command.Options.Add(TimeoutSeconds);
    }

    /// <summary>The watch to wait with, or null when the user did not ask to wait.</summary>
    public InstanceWatch? WatchFor(CommandRun run, ApiClient api) =>
        run.Value(Wait) ? new InstanceWatch(api, run, TimeSpan.FromSeconds(run.Value(TimeoutSeconds))) : null;
}
