namespace DbaaS.TaskManager.Workflows;

public sealed class WorkflowOptions
{
    public const string Section = "TaskManager";

    /// <summary>How long an action (restart, resize, stop) waits for the guest's answer.</summary>
    public int GuestActionTimeoutSeconds { get; set; } = 120;

    /// <summary>How often the build-deadline sweeper looks for overdue builds.</summary>
    public double SweepIntervalSeconds { get; set; } = 5;

    /// <summary>Concurrent workflows per taskmanager process.</summary>
    public int ConcurrentWorkflows { get; set; } = 32;

    /// <summary>
    /// Creates doing the taskmanager's own work (claim, broker account, server, status writes) at once, per taskmanager
    /// process (<see cref="ProvisioningGate"/>). Waiting for the guest does not count.
    /// </summary>
    public int ConcurrentProvisioning { get; set; } = 2;
}
