using System.Runtime.Versioning;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Instances;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.TaskManager.Compute.Process;

/// <summary>
/// The "process" compute driver (DESIGN §5): a server is a directory under the state directory plus a detached
/// guest-agent process. All state lives in the directories, so a new driver (a restarted control plane, another
/// taskmanager on the same host) finds every server again. Operations on one instance are serialized by a lock file
/// per instance; port allocation by one lock file for the whole state directory.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessComputeDriver : IComputeDriver
{
    public const string DriverName = "process";

    readonly ProcessComputeOptions _options;
    readonly ILogger<ProcessComputeDriver> _logger;
    readonly string _stateDirectory;
    readonly string _locks;

    public ProcessComputeDriver(IOptions<ProcessComputeOptions> options, ILogger<ProcessComputeDriver> logger)
    {
        _options = options.Value;
        _logger = logger;
        _stateDirectory = _options.ResolveStateDirectory();
        _locks = Path.Combine(_stateDirectory, ".locks");
        Directory.CreateDirectory(_stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(_locks, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        MakeTraversable(_stateDirectory);
    }

    /// <summary>
    /// Engines run as their own users (mysql, postgres, redis), who must be able to walk down to their data
    /// directories: every directory above the instances gets the "others may pass" bit (x, never r or w) where it
    /// lacks it — a temporary directory or a home directory is 0700 by default.
    /// </summary>
    void MakeTraversable(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var mode = current.UnixFileMode;
            if (mode.HasFlag(UnixFileMode.OtherExecute)) continue;
            current.UnixFileMode = mode | UnixFileMode.OtherExecute;
            _logger.LogWarning("Gave others search permission (o+x) on {Directory} so that engine users can reach their data directories", current.FullName);
        }
    }

    public string Name => DriverName;

    public string StateDirectory => _stateDirectory;

    public async Task<ServerInfo> CreateServerAsync(ServerSpec spec, CancellationToken cancellationToken)
    {
        using var held = await LockInstanceAsync(spec.InstanceId, cancellationToken);
        var directory = InstanceDirectoryOf(spec.InstanceId);
        var guestPid = LiveGuest(directory);
        if (guestPid is null && directory.HasConfig && HostProcesses.FindSessionLeaderWithArgument(directory.ConfigPath) is { } unrecorded)
        {
            directory.WritePid(unrecorded);
            guestPid = unrecorded;
        }
        GuestConfig config;
        var credentialsChanged = false;
        if (directory.HasConfig)
        {
            // A repeated create (a resumed workflow) keeps the port, the sizes and the data; only the broker account
            // may be new (IGuestAccounts.CreateAsync gives an existing account a new password).
            var existing = directory.ReadConfig();
            config = existing with { Rabbit = spec.GuestRabbit, Key = Convert.ToBase64String(spec.GuestKey) };
            credentialsChanged = config != existing;
            if (credentialsChanged) directory.WriteConfig(config);
        }
        else
        {
            using (await FileLock.AcquireAsync(Path.Combine(_stateDirectory, ".allocate.lock"), cancellationToken))
            {
                var port = PortAllocator.Allocate(_stateDirectory, _options);
                directory.Create();
                config = NewConfig(spec, directory, port);
                directory.WriteConfig(config);
            }
            _logger.LogInformation("Server for instance {InstanceId}: {Directory}, port {Port}", spec.InstanceId, directory.Path, config.Port);
        }

        if (guestPid is { } running)
        {
            if (!credentialsChanged) return Info(directory, config, running);
            // The running guest holds the old password: restart it alone (its engine keeps running; the new guest adopts it).
            _logger.LogInformation("Restarting the guest of instance {InstanceId} with its new broker credentials", spec.InstanceId);
            await StopGuestAsync(running, cancellationToken);
        }
        return Info(directory, config, StartGuest(directory));
    }

    public Task<ServerInfo?> GetServerAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var directory = InstanceDirectoryOf(instanceId);
        return Task.FromResult(directory.HasConfig ? Info(directory, directory.ReadConfig(), LiveGuest(directory)) : null);
    }

    public Task<IReadOnlyList<ServerInfo>> ListServersAsync(CancellationToken cancellationToken)
    {
        var servers = new List<ServerInfo>();
        foreach (var path in Directory.EnumerateDirectories(_stateDirectory))
        {
            if (!Guid.TryParse(Path.GetFileName(path), out var id)) continue;
            var directory = InstanceDirectoryOf(id);
            try
            {
                if (directory.HasConfig) servers.Add(Info(directory, directory.ReadConfig(), LiveGuest(directory)));
            }
            catch (Exception exception) when (exception is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                _logger.LogWarning("Skipped {Directory} while listing servers: {Reason}", path, exception.Message);
            }
        }
        return Task.FromResult<IReadOnlyList<ServerInfo>>(servers);
    }

    public Task ResizeVolumeAsync(Guid instanceId, int sizeGb, CancellationToken cancellationToken) =>
        RewriteConfigAsync(instanceId, config => config with { VolumeSizeGb = sizeGb }, cancellationToken);

    public Task ResizeFlavorAsync(Guid instanceId, int memoryMb, CancellationToken cancellationToken) =>
        RewriteConfigAsync(instanceId, config => config with { MemoryMb = memoryMb }, cancellationToken);

    /// <summary>As a machine's reboot: every process of the server stops (the guest first, so it may stop its engine cleanly), then the guest starts again.</summary>
    public async Task RebootAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        using var held = await LockInstanceAsync(instanceId, cancellationToken);
        var directory = InstanceDirectoryOf(instanceId);
        if (!directory.HasConfig) throw new ServerNotFoundException(instanceId);
        await StopServerAsync(directory, cancellationToken);
        var pid = StartGuest(directory);
        _logger.LogInformation("Rebooted the server of instance {InstanceId}: guest pid {Pid}", instanceId, pid);
    }

    public async Task DeleteServerAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        using var held = await LockInstanceAsync(instanceId, cancellationToken);
        var directory = InstanceDirectoryOf(instanceId);
        if (!Directory.Exists(directory.Path)) return;
        await StopServerAsync(directory, cancellationToken);
        Directory.Delete(directory.Path, recursive: true);
        _logger.LogInformation("Deleted the server of instance {InstanceId}", instanceId);
    }

    async Task RewriteConfigAsync(Guid instanceId, Func<GuestConfig, GuestConfig> change, CancellationToken cancellationToken)
    {
        using var held = await LockInstanceAsync(instanceId, cancellationToken);
        var directory = InstanceDirectoryOf(instanceId);
        if (!directory.HasConfig) throw new ServerNotFoundException(instanceId);
        directory.WriteConfig(change(directory.ReadConfig()));
    }

    GuestConfig NewConfig(ServerSpec spec, InstanceDirectory directory, int port) => new()
    {
        InstanceId = spec.InstanceId.ToString(),
        Manager = spec.Manager,
        DatastoreVersion = spec.DatastoreVersion,
        Rabbit = spec.GuestRabbit,
        Key = Convert.ToBase64String(spec.GuestKey),
        DataDir = directory.DataPath,
        BindAddress = _options.BindAddress,
        Port = port,
        MemoryMb = spec.MemoryMb,
        VolumeSizeGb = spec.VolumeSizeGb,
        HeartbeatSeconds = _options.HeartbeatSeconds,
    };

    int StartGuest(InstanceDirectory directory)
    {
        var pid = GuestLauncher.Start(directory, _options.GuestAgentCommand);
        directory.WritePid(pid);
        return pid;
    }

    /// <summary>The recorded guest pid, if that process is alive and really is this instance's guest.</summary>
    static int? LiveGuest(InstanceDirectory directory) =>
        directory.ReadPid() is { } pid && HostProcesses.IsRunningWithArgument(pid, directory.ConfigPath) ? pid : null;

    /// <summary>
    /// The sessions of the guests started here (a guest's session id is its pid), whose members are the guests'
    /// children even after a guest died or was restarted. The kernel does not reuse a pid that still names a live
    /// session, so a recorded pid is safe unless a live process that is not our guest holds it now (then that old
    /// session is empty and the number was given out again).
    /// </summary>
    static IEnumerable<int> GuestSessions(InstanceDirectory directory) =>
        directory.ReadSessions().Where(pid => HostProcesses.IsRunningWithArgument(pid, directory.ConfigPath) || !HostProcesses.IsAlive(pid));

    async Task StopGuestAsync(int pid, CancellationToken cancellationToken)
    {
        HostProcesses.Signal(pid, HostProcesses.SigTerm);
        if (!await WaitUntilAsync(() => !HostProcesses.IsAlive(pid), _options.GuestStopSeconds, cancellationToken))
        {
            HostProcesses.Signal(pid, HostProcesses.SigKill);
            await WaitUntilAsync(() => !HostProcesses.IsAlive(pid), 30, cancellationToken);
        }
    }

    /// <summary>SIGTERM to the guest, then to everything else of the server, SIGKILL after the deadline; returns when none is left.</summary>
    async Task StopServerAsync(InstanceDirectory directory, CancellationToken cancellationToken)
    {
        if (LiveGuest(directory) is { } pid)
        {
            HostProcesses.Signal(pid, HostProcesses.SigTerm);
            await WaitUntilAsync(() => !HostProcesses.IsAlive(pid), _options.GuestStopSeconds, cancellationToken);
        }
        var sessions = GuestSessions(directory).ToList();

        var killAfter = DateTime.UtcNow.AddSeconds(_options.ProcessStopSeconds);
        var giveUpAfter = killAfter.AddSeconds(30);
        var terminated = new HashSet<int>();
        while (true)
        {
            var left = HostProcesses.FindServerProcesses(directory.Path, sessions);
            if (left.Count == 0)
            {
                directory.ForgetSessions();
                return;
            }
            if (DateTime.UtcNow > giveUpAfter)
                throw new IOException($"Processes {string.Join(", ", left)} of instance {directory.InstanceId} survived SIGKILL.");
            var kill = DateTime.UtcNow > killAfter;
            foreach (var process in left)
                if (kill || terminated.Add(process))
                    HostProcesses.Signal(process, kill ? HostProcesses.SigKill : HostProcesses.SigTerm);
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    static async Task<bool> WaitUntilAsync(Func<bool> condition, double seconds, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
        return true;
    }

    ServerInfo Info(InstanceDirectory directory, GuestConfig config, int? guestPid) => guestPid is { } pid
        ? new ServerInfo(directory.InstanceId, ServerStatuses.Active, _options.AdvertisedHost, config.Port, $"guest agent pid {pid}")
        : new ServerInfo(directory.InstanceId, ServerStatuses.Shutdown, _options.AdvertisedHost, config.Port,
            $"guest agent not running (see {directory.LogPath})");

    InstanceDirectory InstanceDirectoryOf(Guid instanceId) => new(_stateDirectory, instanceId);

    Task<IDisposable> LockInstanceAsync(Guid instanceId, CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(Path.Combine(_locks, $"{instanceId}.lock"), cancellationToken);
}
