namespace DbaaS.Contracts.Guest;

/// <summary>The guest RPC vocabulary (Trove's names). An unknown method gets a <see cref="GuestErrorTypes.UnknownMethod"/> reply.</summary>
public static class GuestMethods
{
    /// <summary>Call, <see cref="PrepareArgs"/> → <see cref="PrepareResult"/>.</summary>
    public const string Prepare = "prepare";
    /// <summary>Call, no args: stop then start the engine.</summary>
    public const string Restart = "restart";
    public const string StopDb = "stop_db";
    public const string StartDb = "start_db";
    /// <summary>Call, → <see cref="VolumeInfo"/>.</summary>
    public const string GetVolumeInfo = "get_volume_info";
    /// <summary>Call, → <see cref="PingResult"/>.</summary>
    public const string RpcPing = "rpc_ping";
    /// <summary>Call, → <see cref="Diagnostics"/>.</summary>
    public const string GetDiagnostics = "get_diagnostics";
    /// <summary>Call, <see cref="ResizeVolumeArgs"/>: the guest reports against the new size.</summary>
    public const string ResizeVolume = "resize_volume";
    /// <summary>Call, <see cref="ApplyFlavorArgs"/>: re-render the engine's memory settings and restart it.</summary>
    public const string ApplyFlavor = "apply_flavor";

    /// <summary>Report, guest → conductor, <see cref="HeartbeatArgs"/>.</summary>
    public const string Heartbeat = "heartbeat";
}

/// <summary>What a guest says of its engine, as Trove's service statuses (lower case on the wire).</summary>
public static class GuestServiceStatus
{
    public const string New = "new";
    public const string Building = "building";
    public const string Running = "running";
    public const string Blocked = "blocked";
    public const string Shutdown = "shutdown";
    public const string Crashed = "crashed";
    public const string Failed = "failed";
    public const string RestartRequired = "restart_required";
    public const string Unknown = "unknown";
}
