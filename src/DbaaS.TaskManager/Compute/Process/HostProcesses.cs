using System.Runtime.Versioning;
using System.Runtime.InteropServices;

namespace DbaaS.TaskManager.Compute.Process;

/// <summary>
/// What /proc says about processes, and signals to them. A zombie counts as gone: PID 1 here reaps orphans late.
/// </summary>
[SupportedOSPlatform("linux")]
static class HostProcesses
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    static extern int Kill(int pid, int signal);

    public static void Signal(int pid, int signal)
    {
        if (pid <= 1 || pid == Environment.ProcessId) return;
        _ = Kill(pid, signal); // ESRCH (already gone) is fine
    }

    public static bool IsAlive(int pid) => ReadStat(pid) is { } stat && stat.State is not ('Z' or 'X');

    /// <summary>Alive and started with this exact argument: a recorded pid is trusted only if it is still our process.</summary>
    public static bool IsRunningWithArgument(int pid, string argument) =>
        IsAlive(pid) && ReadCommandLine(pid).Contains(argument, StringComparer.Ordinal);

    /// <summary>
    /// A session leader started with this exact argument: the guest when its pid was never recorded (the control
    /// plane died between starting it and writing guest.pid). Its forks share the command line but lead no session.
    /// </summary>
    public static int? FindSessionLeaderWithArgument(string argument)
    {
        foreach (var (pid, stat) in Snapshot())
            if (stat.Session == pid && ReadCommandLine(pid).Contains(argument, StringComparer.Ordinal))
                return pid;
        return null;
    }

    /// <summary>
    /// Every live process of a server: the guest's session (its children and grandchildren), and whatever runs
    /// inside the instance directory or names it on its command line (an engine that started its own session, as
    /// pg_ctl does, still works in its data directory), with the sessions those lead.
    /// </summary>
    public static IReadOnlyList<int> FindServerProcesses(string instanceDirectory, IEnumerable<int> guestSessions)
    {
        var sessions = new HashSet<int>(guestSessions);
        var found = new HashSet<int>();
        var processes = Snapshot();
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, stat) in processes)
            {
                if (found.Contains(pid)) continue;
                if (!sessions.Contains(stat.Session) && !RunsInside(pid, instanceDirectory)) continue;
                found.Add(pid);
                grew = true;
                if (stat.Session == pid && sessions.Add(pid)) grew = true;
            }
        } while (grew);
        return [.. found];
    }

    readonly record struct Stat(char State, int Session);

    static List<(int Pid, Stat Stat)> Snapshot()
    {
        var self = Environment.ProcessId;
        var list = new List<(int, Stat)>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid <= 1 || pid == self) continue;
            if (ReadStat(pid) is { State: not ('Z' or 'X') } stat) list.Add((pid, stat));
        }
        return list;
    }

    static bool RunsInside(int pid, string directory)
    {
        var inside = directory.TrimEnd('/') + "/";
        try
        {
            var cwd = new FileInfo($"/proc/{pid}/cwd").LinkTarget;
            if (cwd is not null && (cwd + "/").StartsWith(inside, StringComparison.Ordinal)) return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // gone, or not ours to look at
        }
        foreach (var argument in ReadCommandLine(pid))
            if (argument.Contains(inside, StringComparison.Ordinal) || argument == directory || argument.EndsWith("=" + directory, StringComparison.Ordinal))
                return true;
        return false;
    }

    static Stat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so split after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 3 && int.TryParse(fields[3], out var session) ? new Stat(fields[0][0], session) : null;
    }

    static string[] ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
