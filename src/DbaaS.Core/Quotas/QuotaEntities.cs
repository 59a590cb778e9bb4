namespace DbaaS.Core.Quotas;

public sealed class Quota
{
    public required string ProjectId { get; init; }
    public required string Resource { get; init; }
    /// <summary>-1 means unlimited, as in Trove.</summary>
    public int HardLimit { get; set; }
}

public sealed class QuotaUsage
{
    public required string ProjectId { get; init; }
    public required string Resource { get; init; }
    public int InUse { get; set; }
    public int Reserved { get; set; }
}

public static class QuotaResources
{
    public const string Instances = "instances";
    /// <summary>Total volume size in GB.</summary>
    public const string Volumes = "volumes";
    public const string Backups = "backups";
    /// <summary>Total flavor memory in MB.</summary>
    public const string Ram = "ram";

    public static readonly IReadOnlyList<string> All = [Instances, Volumes, Backups, Ram];
}
