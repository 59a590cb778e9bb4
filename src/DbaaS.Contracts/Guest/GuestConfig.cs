using System.Text.Json.Serialization;

namespace DbaaS.Contracts.Guest;

/// <summary>
/// The file a compute driver writes beside the guest (mode 0600) and the guest reads at start. It carries this
/// instance's own broker credentials and key: nothing here is shared with another instance.
/// </summary>
public sealed record GuestConfig
{
    public const string FileName = "guest.json";

    [JsonPropertyName("instance_id")] public required string InstanceId { get; init; }
    /// <summary>The plugin: mariadb, mysql, postgresql, redis (the datastore version's manager).</summary>
    [JsonPropertyName("manager")] public required string Manager { get; init; }
    [JsonPropertyName("datastore_version")] public required string DatastoreVersion { get; init; }
    [JsonPropertyName("rabbit")] public required GuestRabbitSettings Rabbit { get; init; }
    /// <summary>Base64 of the 32-byte AES-256-GCM instance key.</summary>
    [JsonPropertyName("key")] public required string Key { get; init; }
    /// <summary>The engine's data directory (the "volume").</summary>
    [JsonPropertyName("data_dir")] public required string DataDir { get; init; }
    [JsonPropertyName("bind_address")] public required string BindAddress { get; init; }
    [JsonPropertyName("port")] public required int Port { get; init; }
    [JsonPropertyName("memory_mb")] public required int MemoryMb { get; init; }
    [JsonPropertyName("volume_size_gb")] public required int VolumeSizeGb { get; init; }
    [JsonPropertyName("heartbeat_seconds")] public double HeartbeatSeconds { get; init; } = 5;
}

public sealed record GuestRabbitSettings
{
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("port")] public required int Port { get; init; }
    [JsonPropertyName("vhost")] public required string VirtualHost { get; init; }
    [JsonPropertyName("user")] public required string User { get; init; }
    [JsonPropertyName("password")] public required string Password { get; init; }
}
