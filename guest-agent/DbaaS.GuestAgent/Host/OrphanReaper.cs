using System.Diagnostics;
using System.Runtime.InteropServices;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Host;

/// <summary>
/// Makes the agent the child subreaper of everything it starts, and reaps the orphans that then land on it (an
/// engine whose launcher exited, as pg_ctl's postgres), so a stopped engine's pid disappears at once instead of
/// lingering as a zombie that still answers kill(pid, 0).
/// </summary>
/// <remarks>
/// .NET reaps only the children it started with <see cref="Process"/>, on their SIGCHLD, and fails fast if someone
/// else reaped one of them first. So an orphan is reaped only once it has stayed a zombie for <see cref="Settle"/>:
/// a child .NET tracks is gone long before that.
/// </remarks>
public sealed class OrphanReaper : IDisposable
{
    static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    static readonly TimeSpan SafetyScan = TimeSpan.FromSeconds(30);

    readonly IGuestLog _log;
    readonly SemaphoreSlim _wake = new(0);
    readonly CancellationTokenSource _stop = new();
    readonly PosixSignalRegistration _sigchld;
    readonly Task _loop;

    OrphanReaper(IGuestLog log)
    {
        _log = log;
        _sigchld = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => _wake.Release());
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Null when the kernel refuses the subreaper flag (then init reaps orphans, later).</summary>
    public static OrphanReaper? Start(IGuestLog log)
    {
        if (!OperatingSystem.IsLinux() || !Libc.SetChildSubreaper(true))
        {
            log.Warn("could not become child subreaper: orphaned engine processes will be reaped by init");
            return null;
        }
        return new OrphanReaper(log);
    }

    async Task LoopAsync()
    {
        var firstSeen = new Dictionary<int, (long StartTime, long SeenAt)>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(firstSeen.Count > 0 ? Settle : SafetyScan, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                ReapSettledZombies(firstSeen);
            }
            catch (Exception exception)
            {
                _log.Warn($"orphan reaper: {exception.Message}");
            }
        }
    }

    void ReapSettledZombies(Dictionary<int, (long StartTime, long SeenAt)> firstSeen)
    {
        var zombies = ChildProcesses.Zombies();
        foreach (var pid in firstSeen.Keys.Where(pid => !zombies.ContainsKey(pid)).ToList())
            firstSeen.Remove(pid);
        var now = Stopwatch.GetTimestamp();
        foreach (var (pid, startTime) in zombies)
        {
            if (!firstSeen.TryGetValue(pid, out var seen) || seen.StartTime != startTime)
            {
                firstSeen[pid] = (startTime, now);
                continue;
            }
            if (Stopwatch.GetElapsedTime(seen.SeenAt, now) < Settle) continue;
            if (Libc.TryReap(pid, out var status))
                _log.Info($"reaped orphaned process {pid} (wait status {status})");
            firstSeen.Remove(pid);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sigchld.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        Libc.SetChildSubreaper(false);
        _stop.Dispose();
    }
}

/// <summary>This process's children, read from /proc.</summary>
static class ChildProcesses
{
    /// <summary>Zombie children: pid → start time (clock ticks since boot), which tells a reused pid apart.</summary>
    public static Dictionary<int, long> Zombies()
    {
        var zombies = new Dictionary<int, long>();
        foreach (var pid in ChildPids())
            if (TryReadStat(pid, out var state, out var startTime) && state == 'Z')
                zombies[pid] = startTime;
        return zombies;
    }

    static IEnumerable<int> ChildPids()
    {
        // /proc/self/task/*/children lists each thread's children (the orphans land on one of them).
        var pids = new HashSet<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }
            foreach (var field in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (int.TryParse(field, out var pid)) pids.Add(pid);
        }
        return pids;
    }

    /// <summary>Fields of /proc/&lt;pid&gt;/stat after the command name, which may itself hold spaces and parentheses.</summary>
    static bool TryReadStat(int pid, out char state, out long startTime)
    {
        state = '?';
        startTime = 0;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        var afterName = stat.LastIndexOf(')');
        if (afterName < 0) return false;
        var fields = stat[(afterName + 2)..].Split(' ');
        // fields[0] is field 3 (state); starttime is field 22.
        if (fields.Length < 20 || fields[0].Length != 1) return false;
        state = fields[0][0];
        return long.TryParse(fields[19], out startTime);
    }
}
