using System.Diagnostics;
using System.Globalization;
using System.Net;
using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>
/// The base owns the ritual, the engine owns the work (as Trove's manager.prepare → do_prepare): one lifecycle
/// operation at a time, the data directory initialised exactly once, the engine started as a child or adopted
/// through its pid file, stopped with its own signal then SIGKILL after a deadline, and its status derived from
/// what /proc and the engine itself say. Engines fill in the abstract members.
/// </summary>
public abstract class EnginePlugin : IDatastorePlugin
{
    readonly SemaphoreSlim lifecycle = new(1, 1);
    volatile EngineProcess? engine;
    volatile bool stoppedOnPurpose;
    volatile bool initializationFailed;

    protected EnginePlugin(EngineContext context, string manager)
    {
        Context = context;
        Manager = manager;
        var config = context.Config;
        NameRules.RequireSafePath(manager, "instance directory", context.InstanceDirectory);
        NameRules.RequireSafePath(manager, "data directory", config.DataDir);
        if (config.Port is < 1 or > 65535) throw new ArgumentException($"{manager}: port {config.Port} is out of range");
        if (!IPAddress.TryParse(config.BindAddress, out _))
            throw new ArgumentException($"{manager}: bind address '{config.BindAddress}' must be an IP address");
        Files = new EngineFiles(Path.GetFullPath(context.InstanceDirectory), manager, Path.GetFullPath(config.DataDir));
    }

    public string Manager { get; }

    /// <summary>Every file this plugin keeps (public for the host's diagnostics and for tests).</summary>
    public EngineFiles Files { get; }

    public bool IsInitialized => File.Exists(Files.InitializedMarker);

    /// <summary>The engine process this plugin started or adopted, while it runs; null otherwise.</summary>
    public int? EnginePid => engine is { IsAlive: true } current ? current.Pid : null;

    protected EngineContext Context { get; }
    protected GuestConfig Config => Context.Config;
    protected IGuestLog Log => Context.Log;

    // ---- the engine's part ------------------------------------------------------------------------------------

    /// <summary>The OS user the engine runs as when the agent is root (mysql, postgres, redis).</summary>
    protected abstract string EngineUser { get; }

    /// <summary>Absolute path of the server binary; also how an adopted process is recognised.</summary>
    protected abstract string ServerExecutable { get; }

    /// <summary>The pid file the engine writes while it runs and removes on a clean shutdown.</summary>
    protected abstract string PidFile { get; }

    /// <summary>The main rendered config file; absent means it must be rendered before a start.</summary>
    protected abstract string ConfigFile { get; }

    /// <summary>Files whose tail explains a failed start.</summary>
    protected abstract IEnumerable<string> EngineLogs { get; }

    /// <summary>The engine's clean-shutdown signal.</summary>
    protected virtual int StopSignal => ProcFs.SigTerm;

    protected virtual TimeSpan StartDeadline => TimeSpan.FromMinutes(5);
    protected virtual TimeSpan StopDeadline => TimeSpan.FromMinutes(2);

    /// <summary>Refuse names and options the engine cannot take, before anything is touched.</summary>
    protected abstract void Validate(PrepareArgs args);

    /// <summary>
    /// Turn the empty data directory into an engine's, with <paramref name="adminPassword"/> as the administrator's
    /// password and no other way in. May leave the engine running (through <see cref="StartEngineAsync"/>).
    /// </summary>
    protected abstract Task InitializeAsync(PrepareArgs args, string adminPassword, CancellationToken cancellationToken);

    /// <summary>Render the config for <paramref name="memoryMb"/>; overrides null keeps the current ones. True when a file changed.</summary>
    protected abstract Task<bool> WriteConfigAsync(int memoryMb, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken);

    protected abstract EngineCommand ServerCommand();

    /// <summary>True when the engine answers its own protocol as the administrator (a cheap query, no side effects).</summary>
    protected abstract Task<bool> AnswersAsAdminAsync(CancellationToken cancellationToken);

    /// <summary>Create what is missing and leave what exists (an existing user keeps its password).</summary>
    protected abstract Task CreateDatabasesAndUsersAsync(PrepareArgs args, CancellationToken cancellationToken);

    protected abstract Task<string> EngineVersionAsync(CancellationToken cancellationToken);

    // ---- the ritual --------------------------------------------------------------------------------------------

    public async Task<PrepareResult> PrepareAsync(PrepareArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        RequireMemory(args.MemoryMb);
        Validate(args);
        await lifecycle.WaitAsync(cancellationToken);
        initializationFailed = false;
        try
        {
            var clock = Stopwatch.StartNew();
            await PrepareDirectoriesAsync(cancellationToken);
            var adminPassword = AdminSecret.LoadOrCreate(Files.AdminPasswordFile);
            if (!IsInitialized)
            {
                await ClearInterruptedInitializationAsync(cancellationToken);
                File.WriteAllText(Files.InitializingMarker, "");
                await InitializeAsync(args, adminPassword, cancellationToken);
                File.WriteAllText(Files.InitializedMarker, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + "\n");
                File.Delete(Files.InitializingMarker);
                Log.Info($"{Manager}: data directory {Files.DataDirectory} initialised");
            }
            // A running engine (ours or one to adopt) must restart to read a changed config.
            if (await WriteConfigAsync(args.MemoryMb, args.Overrides, cancellationToken))
                await StopEngineAsync(cancellationToken);
            await StartEngineAsync(ServerCommand(), cancellationToken);
            stoppedOnPurpose = false;
            await CreateDatabasesAndUsersAsync(args, cancellationToken);
            var version = await EngineVersionAsync(cancellationToken);
            Log.Info($"{Manager}: prepared in {clock.Elapsed.TotalSeconds:0.00} s ({args.Databases.Count} databases, {args.Users.Count} users), {version}");
            return new PrepareResult(version);
        }
        catch when (!IsInitialized)
        {
            initializationFailed = true;
            throw;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            RequireInitialized();
            await PrepareDirectoriesAsync(cancellationToken);
            if (!File.Exists(ConfigFile)) await WriteConfigAsync(Config.MemoryMb, null, cancellationToken);
            await StartEngineAsync(ServerCommand(), cancellationToken);
            stoppedOnPurpose = false;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            stoppedOnPurpose = true;
            await StopEngineAsync(cancellationToken);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public Task RestartAsync(CancellationToken cancellationToken) => StopThenStartAsync(null, cancellationToken);

    public Task ApplyFlavorAsync(int memoryMb, CancellationToken cancellationToken)
    {
        RequireMemory(memoryMb);
        return StopThenStartAsync(memoryMb, cancellationToken);
    }

    public async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!IsInitialized) return initializationFailed ? GuestServiceStatus.Failed : GuestServiceStatus.Building;
        var current = engine is { IsAlive: true } ours ? ours : EngineProcess.Adopt(PidFile, Identity);
        if (current is { IsAlive: true })
        {
            if (await AnswersAsAdminAsync(cancellationToken)) return GuestServiceStatus.Running;
            // Alive but silent: starting (an operation holds the lifecycle lock), or hung.
            return lifecycle.CurrentCount == 0 ? GuestServiceStatus.Building : GuestServiceStatus.Blocked;
        }
        if (stoppedOnPurpose) return GuestServiceStatus.Shutdown;
        // Gone without our stop: we had it running, or it left its pid file behind (a clean shutdown removes it).
        return engine is not null || File.Exists(PidFile) ? GuestServiceStatus.Crashed : GuestServiceStatus.Shutdown;
    }

    // ---- helpers for engines -----------------------------------------------------------------------------------

    protected EngineIdentity Identity => new(ServerExecutable, Files.DataDirectory);

    /// <summary>Adopts the running engine or launches <paramref name="command"/>, then waits until it answers as admin.</summary>
    protected async Task StartEngineAsync(EngineCommand command, CancellationToken cancellationToken) =>
        await StartEngineAsync(command, AnswersAsAdminAsync, cancellationToken);

    protected async Task StartEngineAsync(EngineCommand command, Func<CancellationToken, Task<bool>> answers, CancellationToken cancellationToken)
    {
        var current = engine;
        if (current is not { IsAlive: true })
        {
            current = EngineProcess.Adopt(PidFile, Identity);
            if (current is not null) Log.Info($"{Manager}: adopted the running engine, pid {current.Pid}");
        }
        if (current is not { IsAlive: true })
        {
            current = EngineProcess.Launch(command, Identity, Files.ConsoleLog);
            Log.Info($"{Manager}: started {Path.GetFileName(command.FileName)}, pid {current.Pid}");
        }
        engine = current;

        var clock = Stopwatch.StartNew();
        while (!await answers(cancellationToken))
        {
            if (!current.IsAlive)
                throw new EngineException($"{Manager} exited while starting. {LogTail()}");
            if (clock.Elapsed > StartDeadline)
                throw new EngineException($"{Manager} did not answer within {StartDeadline.TotalSeconds:0} s of starting. {LogTail()}");
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    /// <summary>Stops the engine we know of, or the one the pid file names; no-op when none runs.</summary>
    protected async Task StopEngineAsync(CancellationToken cancellationToken)
    {
        var target = engine is { IsAlive: true } ours ? ours : EngineProcess.Adopt(PidFile, Identity);
        if (target is null || !target.IsAlive) return;
        target.Signal(StopSignal);
        if (!await target.WaitForExitAsync(StopDeadline, cancellationToken))
        {
            Log.Warn($"{Manager}: pid {target.Pid} still running {StopDeadline.TotalSeconds:0} s after the stop signal; killing it");
            target.Signal(ProcFs.SigKill);
            if (!await target.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken))
                throw new EngineException($"{Manager}: pid {target.Pid} survived SIGKILL");
        }
        engine ??= target;
        Log.Info($"{Manager}: stopped pid {target.Pid}");
    }

    /// <summary>The last lines of the engine's logs, for a failure message (engines do not log passwords).</summary>
    protected string LogTail()
    {
        var tails = EngineLogs.Append(Files.ConsoleLog)
            .Where(File.Exists)
            .Select(path => (path, text: Tail(path, 1500)))
            .Where(t => t.text.Length > 0)
            .Select(t => $"{Path.GetFileName(t.path)}: {t.text}");
        var joined = string.Join(" | ", tails);
        return joined.Length > 0 ? $"Last log lines: {joined}" : "The engine wrote no log.";
    }

    static string Tail(string path, int characters)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Max(0, stream.Length - characters), SeekOrigin.Begin);
            return new StreamReader(stream).ReadToEnd().Trim().Replace('\n', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    async Task StopThenStartAsync(int? memoryMb, CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            RequireInitialized();
            await PrepareDirectoriesAsync(cancellationToken);
            if (memoryMb is { } memory) await WriteConfigAsync(memory, null, cancellationToken);
            stoppedOnPurpose = true;
            await StopEngineAsync(cancellationToken);
            if (!File.Exists(ConfigFile)) await WriteConfigAsync(Config.MemoryMb, null, cancellationToken);
            await StartEngineAsync(ServerCommand(), cancellationToken);
            stoppedOnPurpose = false;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>Run directory (engine user, 0700), data directory (engine user), a way through the instance directory.</summary>
    async Task PrepareDirectoriesAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Files.InstanceDirectory);
        OsUsers.AllowTraversal(Files.InstanceDirectory);
        PrivateFiles.CreateDirectory(Files.RunDirectory);
        var freshData = !Directory.Exists(Files.DataDirectory);
        if (freshData) PrivateFiles.CreateDirectory(Files.DataDirectory);
        await OsUsers.GiveAsync(EngineUser, true, [Files.RunDirectory], cancellationToken);
        await OsUsers.GiveAsync(EngineUser, freshData, [Files.DataDirectory], cancellationToken);
    }

    /// <summary>
    /// A data directory without the initialised marker is empty, or the debris of an initialisation of ours that a
    /// crash interrupted (the initialising marker says so), which is cleared. Anything else is someone's data: refused.
    /// </summary>
    async Task ClearInterruptedInitializationAsync(CancellationToken cancellationToken)
    {
        var entries = Directory.EnumerateFileSystemEntries(Files.DataDirectory).ToList();
        if (entries.Count == 0) return;
        if (!File.Exists(Files.InitializingMarker))
            throw new EngineException(
                $"{Manager}: data directory {Files.DataDirectory} is not empty and was not initialised by the guest agent; refusing to overwrite it");
        await StopEngineAsync(cancellationToken);
        Log.Warn($"{Manager}: clearing {entries.Count} entries left in {Files.DataDirectory} by an interrupted initialisation");
        foreach (var entry in entries)
            if (Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
    }

    void RequireInitialized()
    {
        if (!IsInitialized)
            throw new InvalidOperationException($"{Manager}: the data directory {Files.DataDirectory} is not initialised; prepare the instance first");
    }

    void RequireMemory(int memoryMb)
    {
        if (memoryMb is < 64 or > 16 * 1024 * 1024)
            throw new ArgumentException($"{Manager}: memory of {memoryMb} MB is out of range (64 MB to 16 TB)");
    }
}
