using DbaaS.Contracts.Guest;

namespace DbaaS.Core.Instances;

/// <summary>A validated-for-shape create request; <see cref="InstanceService"/> checks it against the catalog and quotas.</summary>
public sealed record CreateInstanceRequest(
    string Name,
    string FlavorRef,
    int VolumeSizeGb,
    string? DatastoreType,
    string? DatastoreVersion,
    IReadOnlyList<DatabaseSpec> Databases,
    IReadOnlyList<UserSpec> Users);

/// <summary>What a create task carries to the workflow; the passwords are removed once the guest has used them.</summary>
public sealed record CreateTaskArgs(IReadOnlyList<DatabaseSpec> Databases, IReadOnlyList<UserSpec> Users);

public sealed record ResizeVolumeTaskArgs(int OldSizeGb, int NewSizeGb);

public sealed record ResizeFlavorTaskArgs(string OldFlavorId, string NewFlavorId, int OldRamMb, int NewRamMb);
