namespace DbaaS.EndToEndTests;

/// <summary>The processes of an instance as /proc shows them: its guest agent (guest.pid) and the guest's descendants.</summary>
public static class GuestProcesses
{
    public static int? GuestPid(string instanceDirectory)
    {
        var file = Path.Combine(instanceDirectory, "guest.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) && IsAlive(pid) ? pid : null;
    }

    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try { return StateOf(File.ReadAllText(stat)) != 'Z'; }
        catch (IOException) { return false; }
    }

    /// <summary>Every live process below <paramref name="root"/> in the process tree.</summary>
    public static IReadOnlyList<int> DescendantsOf(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (StateOf(stat) == 'Z') continue;
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
            }
            catch (IOException) { }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
            foreach (var (pid, ppid) in parents)
                if (ppid == parent) { found.Add(pid); frontier.Enqueue(pid); }
        return found;
    }

    /// <summary>Processes whose command line mentions <paramref name="text"/> (an instance directory, say).</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal) && IsAlive(pid)) found.Add(pid);
            }
            catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>The process's executable name (/proc/&lt;pid&gt;/comm), or null when it is gone.</summary>
    public static string? CommandOf(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
    }

    public static void Kill(int pid)
    {
        try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
    }

    /// <summary>Test clean-up: nothing a test started may outlive it.</summary>
    public static void KillEverythingUnder(string stateDirectory)
    {
        foreach (var pid in WithCommandLineContaining(stateDirectory))
        {
            foreach (var child in DescendantsOf(pid)) Kill(child);
            Kill(pid);
        }
    }

    static char StateOf(string stat) => stat[stat.LastIndexOf(')') + 2];
}
