using System.Diagnostics;

namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>How to start an engine server: its binary, arguments, and the user to run as (null: ourselves).</summary>
public sealed record EngineCommand(string FileName, IReadOnlyList<string> Arguments, string? User, string WorkingDirectory);

/// <summary>
/// Which process is ours: the engine's binary running with our data directory as its working directory (each
/// engine chdirs there). A pid file alone is not enough: after a crash its pid may belong to anything.
/// </summary>
public sealed record EngineIdentity(string Executable, string DataDirectory)
{
    public bool Matches(int pid) =>
        ProcFs.IsAlive(pid)
        && ProcFs.Executable(pid) == ProcFs.RealPath(Executable)
        && ProcFs.WorkingDirectory(pid) == ProcFs.RealPath(DataDirectory);
}

/// <summary>
/// One engine server process: launched by us (a direct child, reaped at once, its stdout and stderr appended to a
/// console log) or adopted through its pid file after the agent or the plugin object was recreated.
/// </summary>
public sealed class EngineProcess
{
    readonly Process? child;
    readonly EngineIdentity identity;

    EngineProcess(int pid, Process? child, EngineIdentity identity)
    {
        Pid = pid;
        this.child = child;
        this.identity = identity;
    }

    public int Pid { get; }

    /// <summary>True when found through the pid file rather than started by this plugin object.</summary>
    public bool Adopted => child is null;

    /// <summary>Still running and, when adopted, still this engine (not a process that reused the pid).</summary>
    public bool IsAlive => child is not null ? Runs : identity.Matches(Pid);

    /// <summary>
    /// Liveness alone, once we know the process is ours: while an engine exits, its exe and cwd links vanish
    /// before its last thread does, so the identity check would call it gone too early.
    /// </summary>
    bool Runs => (child is null || !child.HasExited) && ProcFs.IsAlive(Pid);

    /// <summary>The engine named by the pid file, when that process is alive and is this engine on this data directory.</summary>
    public static EngineProcess? Adopt(string pidFile, EngineIdentity identity) =>
        ProcFs.ReadPidFile(pidFile) is { } pid && identity.Matches(pid) ? new EngineProcess(pid, null, identity) : null;

    /// <summary>
    /// Starts the server as a direct child with a clean environment. Its standard streams are pipes drained into
    /// <paramref name="consoleLog"/>; the engines log to their own files and ignore SIGPIPE, so they outlive the agent.
    /// </summary>
    public static EngineProcess Launch(EngineCommand command, EngineIdentity identity, string consoleLog)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory,
        };
        foreach (var argument in command.Arguments) startInfo.ArgumentList.Add(argument);
        if (command.User is not null) startInfo.UserName = command.User;
        CliTool.CleanEnvironment(startInfo, command.WorkingDirectory);

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var console = new ConsoleLog(consoleLog);
        process.OutputDataReceived += (_, e) => console.Append(e.Data);
        process.ErrorDataReceived += (_, e) => console.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            console.Dispose();
            throw new EngineException($"could not start {Path.GetFileName(command.FileName)}: {e.Message}", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EngineProcess(process.Id, process, identity);
    }

    public void Signal(int signal) => ProcFs.Signal(Pid, signal);

    /// <summary>Waits until the process is gone (or a zombie); false when the deadline passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (Runs)
        {
            if (clock.Elapsed > deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
        return true;
    }

    /// <summary>Both streams of the child, line by line, into one file; closed when both have ended.</summary>
    sealed class ConsoleLog(string path) : IDisposable
    {
        readonly StreamWriter writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        int openStreams = 2;

        public void Append(string? line)
        {
            lock (writer)
            {
                if (line is not null)
                {
                    if (openStreams > 0) writer.WriteLine(line);
                }
                else if (--openStreams == 0) writer.Dispose();
            }
        }

        public void Dispose()
        {
            lock (writer) writer.Dispose();
        }
    }
}
