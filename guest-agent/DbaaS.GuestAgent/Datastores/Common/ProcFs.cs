using System.Runtime.InteropServices;

namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>What Linux says about a process, read from /proc, and the two signals .NET has no API for.</summary>
public static class ProcFs
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>
    /// Alive means one of its threads still runs. A zombie is dead (an orphan we killed may linger as &lt;defunct&gt;
    /// until PID 1 reaps it), but a zombie main thread is not: after SIGKILL the leader of a multi-threaded engine
    /// turns Z while its other threads, which still hold its sockets, are being torn down.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Any(task => IsRunning(Path.Combine(task, "stat")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    static bool IsRunning(string statFile)
    {
        try
        {
            var stat = File.ReadAllText(statFile);
            // "pid (comm) S ...": comm may contain spaces and parentheses, the state follows the last ')'.
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The binary the process runs; " (deleted)" is stripped so an engine survives a package upgrade.</summary>
    public static string? Executable(int pid) => Link($"/proc/{pid}/exe");

    /// <summary>Every engine here chdirs into its data directory, which tells two instances of one binary apart.</summary>
    public static string? WorkingDirectory(int pid) => Link($"/proc/{pid}/cwd");

    public static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: already gone */)
            throw new EngineException($"could not send signal {signal} to process {pid} (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The first line of a pid file as a pid, or null when the file is missing or holds no number.</summary>
    public static int? ReadPidFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return int.TryParse(reader.ReadLine()?.Trim(), out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The path with every symlink resolved, as the kernel shows it in /proc/&lt;pid&gt;/cwd and exe.</summary>
    public static string RealPath(string path)
    {
        var pending = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        for (var hops = 0; pending.TryPop(out var part);)
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++hops > 40) throw new IOException($"too many symbolic links under {path}");
            foreach (var p in Path.GetFullPath(target, current).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(p);
            current = "/";
        }
        return current;
    }

    static string? Link(string path)
    {
        try
        {
            var target = new FileInfo(path).LinkTarget;
            return target?.EndsWith(" (deleted)", StringComparison.Ordinal) == true ? target[..^" (deleted)".Length] : target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);
}
