namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>
/// Engines run as their own system user (mysql, postgres, redis) when the agent is root, and as the agent's user
/// otherwise (a container that starts the agent as the engine's user). Ownership is given with chown(1).
/// </summary>
public static class OsUsers
{
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The user to run as, or null to run as ourselves.</summary>
    public static string? RunAs(string engineUser) => IsRoot ? engineUser : null;

    /// <summary>chown user: (the user's login group) on the paths; nothing to do when we are not root.</summary>
    public static async Task GiveAsync(string engineUser, bool recursive, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (!IsRoot || paths.Count == 0) return;
        List<string> arguments = recursive ? ["-R"] : [];
        arguments.Add($"{engineUser}:");
        arguments.Add("--");
        arguments.AddRange(paths);
        var chown = Executables.Require("chown", "coreutils");
        (await CliTool.RunAsync(new CliCommand(chown, arguments), cancellationToken))
            .EnsureSuccess($"giving {string.Join(", ", paths)} to {engineUser}");
    }

    /// <summary>
    /// The engine user must be able to walk through the instance directory to its own subdirectory. Search
    /// permission (x) for others lets it through without letting it list or read the agent's files (guest.json is 0600).
    /// </summary>
    public static void AllowTraversal(string directory)
    {
        if (!IsRoot) return;
        var mode = File.GetUnixFileMode(directory);
        if ((mode & UnixFileMode.OtherExecute) == 0) File.SetUnixFileMode(directory, mode | UnixFileMode.OtherExecute);
    }
}
