using System.Text.Json;

namespace DbaaS.Core.Instances;

/// <summary>One operation on an instance, the unit of idempotency for the taskmanager.</summary>
public sealed class InstanceTask
{
    public Guid Id { get; init; }
    public Guid InstanceId { get; init; }
    public required string Kind { get; init; }
    public string State { get; set; } = TaskStates.Pending;
    public JsonDocument Args { get; set; } = JsonDocument.Parse("{}");
    public string? Step { get; set; }
    public int Attempts { get; set; }
    public string? Message { get; set; }
    public string? RequestedBy { get; init; }
    public DateTime Created { get; init; } = DateTime.UtcNow;
    public DateTime Updated { get; set; } = DateTime.UtcNow;
    public DateTime? Finished { get; set; }
}

public static class TaskStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public static class TaskKinds
{
    public const string Create = "create";
    public const string Delete = "delete";
    public const string Restart = "restart";
    public const string ResizeVolume = "resize_volume";
    public const string ResizeFlavor = "resize_flavor";
    public const string Stop = "stop";
    public const string Reboot = "reboot";
}
