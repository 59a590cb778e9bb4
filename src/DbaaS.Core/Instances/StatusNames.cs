namespace DbaaS.Core.Instances;

/// <summary>Task status, written by api and taskmanager (Trove's InstanceTasks).</summary>
public static class InstanceTasks
{
    public const string None = "NONE";
    public const string Building = "BUILDING";
    public const string Deleting = "DELETING";
    public const string Rebooting = "REBOOTING";
    public const string Resizing = "RESIZING";
    public const string BuildingErrorServer = "BUILDING_ERROR_SERVER";
    public const string BuildingErrorTimeoutGuestAgent = "BUILDING_ERROR_TIMEOUT_GA";
    /// <summary>The guest answered prepare with an error (ours; Trove leaves such a build to time out).</summary>
    public const string BuildingErrorGuest = "BUILDING_ERROR_GUEST";
    public const string ResizeError = "RESIZE_ERROR";

    public static bool IsError(string task) => task.Contains("_ERROR", StringComparison.Ordinal) || task.StartsWith("ERROR", StringComparison.Ordinal);

    /// <summary>No action may start while another runs (DESIGN §3).</summary>
    public static bool IsBusy(string task) => task is Building or Deleting or Rebooting or Resizing;
}

/// <summary>Server status, from the compute driver.</summary>
public static class ServerStatuses
{
    public const string Build = "BUILD";
    public const string Active = "ACTIVE";
    public const string Shutdown = "SHUTDOWN";
    public const string Error = "ERROR";
    public const string Deleted = "DELETED";
}

/// <summary>Service status, from guest heartbeats through the conductor (Trove's ServiceStatuses).</summary>
public static class ServiceStatuses
{
    public const string New = "NEW";
    public const string Building = "BUILDING";
    public const string Healthy = "HEALTHY";
    public const string Blocked = "BLOCKED";
    public const string Shutdown = "SHUTDOWN";
    public const string Crashed = "CRASHED";
    public const string Failed = "FAILED";
    public const string RestartRequired = "RESTART_REQUIRED";
    public const string Unknown = "UNKNOWN";

    /// <summary>A guest's wire status (lower case, "running" for an engine that answers) as the stored status.</summary>
    public static string FromGuest(string guestStatus) => guestStatus switch
    {
        "running" or "healthy" => Healthy,
        "new" => New,
        "building" => Building,
        "blocked" => Blocked,
        "shutdown" => Shutdown,
        "crashed" => Crashed,
        "failed" => Failed,
        "restart_required" => RestartRequired,
        _ => Unknown,
    };
}
