namespace DbaaS.Core.Access;

/// <summary>One enabling of root on an instance: who and when (Trove's root_enabled_history). Kept after root is disabled.</summary>
public sealed class RootEnabledHistory
{
    public long Id { get; init; }
    public Guid InstanceId { get; init; }
    public required string UserId { get; init; }
    public DateTime Enabled { get; init; }
}
