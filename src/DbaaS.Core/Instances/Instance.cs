namespace DbaaS.Core.Instances;

/// <summary>A tenant's database instance. Its API status is derived (<see cref="InstanceStatus"/>), never stored.</summary>
public sealed class Instance
{
    public Guid Id { get; init; }
    public required string ProjectId { get; init; }
    public required string Name { get; set; }
    public required string FlavorId { get; set; }
    public Guid DatastoreVersionId { get; init; }
    public int VolumeSizeGb { get; set; }
    public string TaskStatus { get; set; } = InstanceTasks.None;
    public Guid? CurrentTaskId { get; set; }
    public string? ServerStatus { get; set; }
    public string ServiceStatus { get; set; } = ServiceStatuses.New;
    public DateTime? ServiceStatusUpdated { get; set; }
    public DateTime? GuestLastSent { get; set; }
    public long? VolumeUsedBytes { get; set; }
    public string? EngineVersion { get; set; }
    public string? Hostname { get; set; }
    public int? Port { get; set; }
    public required byte[] GuestKey { get; init; }
    public DateTime? BuildDeadline { get; set; }
    public string? FaultMessage { get; set; }
    public string? FaultDetails { get; set; }
    public DateTime? FaultCreated { get; set; }
    public DateTime Created { get; init; } = DateTime.UtcNow;
    public DateTime Updated { get; set; } = DateTime.UtcNow;
    public bool Deleted { get; set; }
    public DateTime? DeletedAt { get; set; }
}
