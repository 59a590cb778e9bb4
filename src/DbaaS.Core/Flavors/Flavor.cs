namespace DbaaS.Core.Flavors;

/// <summary>A server size: memory, CPUs and root disk. Ids are strings as in Nova (Trove shows both id and str_id).</summary>
public sealed class Flavor
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public int RamMb { get; set; }
    public int Vcpus { get; set; }
    public int DiskGb { get; set; }
    public int EphemeralGb { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public bool Deleted { get; set; }
    public DateTime? DeletedAt { get; set; }
}
