using System.Runtime.Versioning;
using System.Text.Json;
using DbaaS.Contracts.Guest;

namespace DbaaS.TaskManager.Compute.Process;

/// <summary>
/// <c>&lt;StateDirectory&gt;/&lt;instance-id&gt;/</c>: guest.json (0600, it holds the instance's broker password and
/// key), guest.pid, guest.log, and data/ (the "volume"). The directory itself is the server.
/// </summary>
[SupportedOSPlatform("linux")]
sealed class InstanceDirectory(string stateDirectory, Guid instanceId)
{
    public Guid InstanceId { get; } = instanceId;
    public string Path { get; } = System.IO.Path.Combine(stateDirectory, instanceId.ToString());
    public string ConfigPath => System.IO.Path.Combine(Path, GuestConfig.FileName);
    public string PidPath => System.IO.Path.Combine(Path, "guest.pid");
    public string LogPath => System.IO.Path.Combine(Path, "guest.log");
    /// <summary>Every guest pid started since the server last stopped completely: each is a session that may still hold orphans.</summary>
    public string SessionsPath => System.IO.Path.Combine(Path, "guest.sessions");
    public string DataPath => System.IO.Path.Combine(Path, "data");

    public bool HasConfig => File.Exists(ConfigPath);

    public GuestConfig ReadConfig() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(ConfigPath), GuestJson.Default.GuestConfig)
        ?? throw new InvalidDataException($"{ConfigPath} is empty");

    /// <summary>Atomic replace; the temporary name is ours alone (the guest rewrites the file with its own).</summary>
    public void WriteConfig(GuestConfig config)
    {
        var temporary = $"{ConfigPath}.{Guid.NewGuid():N}.driver-tmp";
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(file, config, GuestJson.Default.GuestConfig);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, ConfigPath, overwrite: true);
    }

    public void Create()
    {
        // 0711: an engine running as its own user may pass through to data/ but not read guest.json.
        Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(DataPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public int? ReadPid() =>
        File.Exists(PidPath) && int.TryParse(File.ReadAllText(PidPath).Trim(), out var pid) && pid > 1 ? pid : null;

    public void WritePid(int pid)
    {
        var text = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.AppendAllText(SessionsPath, text + "\n");
        File.WriteAllText(PidPath, text);
    }

    public IEnumerable<int> ReadSessions() =>
        File.Exists(SessionsPath)
            ? File.ReadAllLines(SessionsPath).Select(line => int.TryParse(line, out var pid) ? pid : 0).Where(pid => pid > 1).Distinct()
            : [];

    public void ForgetSessions() => File.Delete(SessionsPath);
}
