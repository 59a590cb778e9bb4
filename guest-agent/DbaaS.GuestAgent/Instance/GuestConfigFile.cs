using System.Text.Json;
using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Instance;

/// <summary>guest.json: read at start, rewritten (atomically, mode 0600) when a resize or a new flavor must survive a restart.</summary>
public sealed class GuestConfigFile(string path)
{
    readonly Lock _gate = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The instance directory is the config file's directory (DESIGN §5).</summary>
    public string InstanceDirectory => System.IO.Path.GetDirectoryName(Path)!;

    /// <exception cref="InvalidDataException">The file is not a usable guest configuration; the message says why.</exception>
    public GuestConfig Load()
    {
        GuestConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(File.ReadAllBytes(Path), GuestJson.Default.GuestConfig);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{Path} is not valid guest configuration JSON: {exception.Message}");
        }
        if (config is null) throw new InvalidDataException($"{Path} is empty");
        Validate(config);
        return config;
    }

    public void Update(Func<GuestConfig, GuestConfig> change)
    {
        lock (_gate)
        {
            var updated = change(Load());
            var temporary = Path + ".tmp";
            using (var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                JsonSerializer.Serialize(file, updated, GuestJson.Default.GuestConfig);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
        }
    }

    public static byte[] KeyOf(GuestConfig config)
    {
        try
        {
            var key = Convert.FromBase64String(config.Key);
            if (key.Length == EnvelopeSeal.KeySize) return key;
        }
        catch (FormatException)
        {
        }
        throw new InvalidDataException($"key must be the base64 of {EnvelopeSeal.KeySize} bytes");
    }

    static void Validate(GuestConfig config)
    {
        if (string.IsNullOrWhiteSpace(config.InstanceId)) throw new InvalidDataException("instance_id is empty");
        if (string.IsNullOrWhiteSpace(config.DataDir)) throw new InvalidDataException("data_dir is empty");
        if (config.HeartbeatSeconds <= 0) throw new InvalidDataException("heartbeat_seconds must be positive");
        if (config.VolumeSizeGb <= 0) throw new InvalidDataException("volume_size_gb must be positive");
        KeyOf(config);
    }
}
