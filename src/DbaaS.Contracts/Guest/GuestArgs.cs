using System.Text.Json.Serialization;

namespace DbaaS.Contracts.Guest;

public sealed record PrepareArgs(
    [property: JsonPropertyName("memory_mb")] int MemoryMb,
    [property: JsonPropertyName("volume_size_gb")] int VolumeSizeGb,
    [property: JsonPropertyName("databases")] IReadOnlyList<DatabaseSpec> Databases,
    [property: JsonPropertyName("users")] IReadOnlyList<UserSpec> Users,
    [property: JsonPropertyName("overrides")] IReadOnlyDictionary<string, string>? Overrides = null);

public sealed record DatabaseSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("character_set")] string? CharacterSet = null,
    [property: JsonPropertyName("collate")] string? Collate = null);

/// <summary><see cref="Host"/> matters to MySQL/MariaDB only (<c>%</c> when absent).</summary>
public sealed record UserSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("databases")] IReadOnlyList<string> Databases);

public sealed record PrepareResult(
    [property: JsonPropertyName("engine_version")] string EngineVersion);

public sealed record ResizeVolumeArgs([property: JsonPropertyName("size_gb")] int SizeGb);

public sealed record ApplyFlavorArgs([property: JsonPropertyName("memory_mb")] int MemoryMb);

public sealed record VolumeInfo(
    [property: JsonPropertyName("used_bytes")] long UsedBytes,
    [property: JsonPropertyName("size_bytes")] long SizeBytes)
{
    /// <summary>Trove reports volume usage in GB with two decimals.</summary>
    [JsonIgnore] public double UsedGb => Math.Round(UsedBytes / 1073741824.0, 2);
}

public sealed record PingResult(
    [property: JsonPropertyName("pong")] bool Pong,
    [property: JsonPropertyName("agent_version")] string AgentVersion);

/// <summary>As Trove's <c>get_diagnostics</c>: the agent process's own figures from /proc (kB).</summary>
public sealed record Diagnostics(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("fd_size")] long FdSize,
    [property: JsonPropertyName("vm_size")] long VmSize,
    [property: JsonPropertyName("vm_peak")] long VmPeak,
    [property: JsonPropertyName("vm_rss")] long VmRss,
    [property: JsonPropertyName("vm_hwm")] long VmHwm,
    [property: JsonPropertyName("threads")] long Threads);

/// <summary>Sent every <c>heartbeat_seconds</c>; the conductor drops one older than the last it saw.</summary>
public sealed record HeartbeatArgs(
    [property: JsonPropertyName("service_status")] string ServiceStatus,
    [property: JsonPropertyName("volume")] VolumeInfo? Volume,
    [property: JsonPropertyName("engine_version")] string? EngineVersion = null,
    [property: JsonPropertyName("message")] string? Message = null);
