namespace DbaaS.Core.Instances;

/// <summary>
/// The API status from the three independent sources, as Trove's <c>SimpleInstance.status</c>: an error task wins,
/// then an action in progress, then the server, then the service.
/// </summary>
public static class InstanceStatus
{
    public static string Derive(string taskStatus, string? serverStatus, string serviceStatus)
    {
        if (InstanceTasks.IsError(taskStatus)) return "ERROR";
        switch (taskStatus)
        {
            case InstanceTasks.Building:
                return serverStatus == ServerStatuses.Error ? "ERROR" : "BUILD";
            case InstanceTasks.Rebooting:
                return "REBOOT";
            case InstanceTasks.Resizing:
                return "RESIZE";
            case InstanceTasks.Deleting:
                return serverStatus is null or ServerStatuses.Active or ServerStatuses.Shutdown or ServerStatuses.Deleted or ServerStatuses.Build
                    ? "SHUTDOWN" : "ERROR";
        }
        if (serverStatus is ServerStatuses.Build or ServerStatuses.Error) return serverStatus;
        return serviceStatus switch
        {
            ServiceStatuses.Healthy => "ACTIVE",
            ServiceStatuses.New or ServiceStatuses.Building => "BUILD",
            ServiceStatuses.Blocked => "BLOCKED",
            ServiceStatuses.Shutdown or ServiceStatuses.Crashed => "SHUTDOWN",
            ServiceStatuses.Failed => "FAILED",
            ServiceStatuses.RestartRequired => "RESTART_REQUIRED",
            _ => "ERROR",
        };
    }

    /// <summary>Trove's <c>operating_status</c>: the service status alone, as the guest last reported it.</summary>
    public static string Operating(string serviceStatus) => serviceStatus switch
    {
        ServiceStatuses.New or ServiceStatuses.Building => "BUILD",
        ServiceStatuses.Crashed => "SHUTDOWN",
        _ => serviceStatus,
    };
}
