namespace DbaaS.Core.Instances;

public sealed class InstanceOptions
{
    public const string Section = "Instances";

    /// <summary>Largest volume a tenant may ask for (Trove's max_accepted_volume_size).</summary>
    public int MaxVolumeSizeGb { get; set; } = 100;

    /// <summary>A build not ACTIVE by then ends in BUILDING_ERROR_TIMEOUT_GA (Trove's agent_call_high_timeout).</summary>
    public int BuildTimeoutSeconds { get; set; } = 300;

    public int DefaultPageSize { get; set; } = 20;
    public int MaxPageSize { get; set; } = 1000;
}
