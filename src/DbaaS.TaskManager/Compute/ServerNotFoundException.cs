namespace DbaaS.TaskManager.Compute;

/// <summary>An operation on a server the driver does not have (never created, or deleted).</summary>
public sealed class ServerNotFoundException(Guid instanceId)
    : Exception($"The compute driver has no server for instance {instanceId}.")
{
    public Guid InstanceId { get; } = instanceId;
}
