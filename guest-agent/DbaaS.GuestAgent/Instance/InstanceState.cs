using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Instance;

/// <summary>
/// What the agent knows of its instance beyond the engine itself. What must outlive the agent is kept on disk in
/// the instance directory: that the user stopped the engine (so a restarted agent does not start it again), the
/// engine version prepare reported, and the volume size and memory in guest.json.
/// </summary>
public sealed class InstanceState
{
    const string StoppedMarkerName = "engine.stopped";
    const string EngineVersionName = "engine.version";

    readonly GuestConfigFile _configFile;
    readonly string _stoppedMarker;
    readonly string _engineVersionFile;
    int _volumeSizeGb;
    int _memoryMb;
    int _preparesRunning;
    string? _engineVersion;

    public InstanceState(GuestConfigFile configFile, GuestConfig config)
    {
        _configFile = configFile;
        Config = config;
        _stoppedMarker = Path.Combine(configFile.InstanceDirectory, StoppedMarkerName);
        _engineVersionFile = Path.Combine(configFile.InstanceDirectory, EngineVersionName);
        _volumeSizeGb = config.VolumeSizeGb;
        _memoryMb = config.MemoryMb;
        _engineVersion = File.Exists(_engineVersionFile) ? File.ReadAllText(_engineVersionFile).Trim() : null;
    }

    /// <summary>Raised when something a heartbeat reports changed outside an engine operation (the volume size).</summary>
    public event Action? Changed;

    /// <summary>The configuration as read at start (volume size and memory change later: see their properties).</summary>
    public GuestConfig Config { get; }

    public int VolumeSizeGb => Volatile.Read(ref _volumeSizeGb);

    public int MemoryMb => Volatile.Read(ref _memoryMb);

    public string? EngineVersion => Volatile.Read(ref _engineVersion);

    public bool IsStoppedByUser => File.Exists(_stoppedMarker);

    public bool IsPreparing => Volatile.Read(ref _preparesRunning) > 0;

    /// <summary>Set when the last prepare failed, cleared by the next one that succeeds; reported in heartbeats.</summary>
    public string? PrepareFailure { get; private set; }

    public VolumeInfo Volume() =>
        new(VolumeUsage.UsedBytes(Config.DataDir), VolumeUsage.SizeBytes(VolumeSizeGb));

    public void MarkStoppedByUser() => File.WriteAllText(_stoppedMarker, DateTimeOffset.UtcNow.ToString("O") + "\n");

    public void ClearStoppedByUser() => File.Delete(_stoppedMarker);

    public void PrepareStarted() => Interlocked.Increment(ref _preparesRunning);

    public void PrepareEnded(string? failure)
    {
        PrepareFailure = failure;
        Interlocked.Decrement(ref _preparesRunning);
    }

    public void RememberEngineVersion(string version)
    {
        Volatile.Write(ref _engineVersion, version);
        File.WriteAllText(_engineVersionFile, version + "\n");
    }

    public void ResizeVolume(int sizeGb)
    {
        _configFile.Update(config => config with { VolumeSizeGb = sizeGb });
        Volatile.Write(ref _volumeSizeGb, sizeGb);
        Changed?.Invoke();
    }

    public void ChangeMemory(int memoryMb)
    {
        _configFile.Update(config => config with { MemoryMb = memoryMb });
        Volatile.Write(ref _memoryMb, memoryMb);
    }
}
