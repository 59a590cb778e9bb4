using System.Runtime.Versioning;
using System.Diagnostics;

namespace DbaaS.TaskManager.Compute.Process;

/// <summary>
/// Starts the guest agent detached from the control plane: in its own session (setsid), stdio to guest.log, so a
/// control-plane crash or restart leaves it running. Without a fork, setsid and the shell exec in turn, so the pid we
/// get is the guest's own and its session id.
/// </summary>
[SupportedOSPlatform("linux")]
static class GuestLauncher
{
    // Constant: the log path and the command arrive as positional arguments, never inside the script.
    const string Script = "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null";

    // The guest gets none of the control plane's secrets (connection strings, broker password) from its environment.
    static readonly string[] InheritedVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR"];

    public static int Start(InstanceDirectory directory, string guestAgentCommand)
    {
        using (new FileStream(directory.LogPath, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
        }

        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = directory.Path };
        foreach (var argument in new[] { "sh", "-c", Script, "dbaas-guest", directory.LogPath }) start.ArgumentList.Add(argument);
        if (guestAgentCommand.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet");
            start.ArgumentList.Add(Path.GetFullPath(guestAgentCommand));
        }
        else
        {
            // A relative path would otherwise resolve against the instance directory, the guest's working directory.
            start.ArgumentList.Add(guestAgentCommand.Contains('/') ? Path.GetFullPath(guestAgentCommand) : guestAgentCommand);
        }
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(directory.ConfigPath);

        var parent = Environment.GetEnvironmentVariables();
        start.Environment.Clear();
        foreach (System.Collections.DictionaryEntry variable in parent)
        {
            var name = (string)variable.Key;
            if (InheritedVariables.Contains(name, StringComparer.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal))
                start.Environment[name] = (string?)variable.Value;
        }

        using var process = System.Diagnostics.Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start the guest agent for instance {directory.InstanceId}.");
        return process.Id;
    }
}
