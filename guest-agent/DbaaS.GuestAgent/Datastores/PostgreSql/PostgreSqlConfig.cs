using System.Text;

namespace DbaaS.GuestAgent.Datastores.PostgreSql;

/// <summary>postgresql.conf and pg_hba.conf as the guest agent renders them into the data directory.</summary>
public static class PostgreSqlConfig
{
    public const string OverridesFileName = "dbaas-overrides.conf";

    /// <summary>A quarter of the flavor's memory for shared buffers, at least 16 MB.</summary>
    public static int SharedBuffersMb(int memoryMb) => Math.Max(16, memoryMb / 4);

    /// <summary>What the planner may assume the OS caches: three quarters.</summary>
    public static int EffectiveCacheSizeMb(int memoryMb) => Math.Max(32, memoryMb * 3 / 4);

    public sealed record Settings(int Port, string BindAddress, string SocketDirectory, string LogDirectory, int MemoryMb);

    public static string Render(Settings settings) =>
        new StringBuilder()
            .AppendLine("# Rendered by the DbaaS guest agent from the flavor; edits are overwritten.")
            .AppendLine($"# Configuration overrides are in {OverridesFileName}, included last.")
            .AppendLine($"listen_addresses = {Value(settings.BindAddress)}")
            .AppendLine($"port = {settings.Port}")
            // The admin's socket, in a directory only postgres (and root) can enter.
            .AppendLine($"unix_socket_directories = {Value(settings.SocketDirectory)}")
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine("max_connections = 100")
            .AppendLine($"shared_buffers = {SharedBuffersMb(settings.MemoryMb)}MB")
            .AppendLine($"effective_cache_size = {EffectiveCacheSizeMb(settings.MemoryMb)}MB")
            .AppendLine("dynamic_shared_memory_type = posix")
            .AppendLine("password_encryption = scram-sha-256")
            .AppendLine("logging_collector = on")
            .AppendLine($"log_directory = {Value(settings.LogDirectory)}")
            .AppendLine("log_filename = 'postgresql-%a.log'")
            .AppendLine("log_truncate_on_rotation = on")
            .AppendLine("log_rotation_age = 1d")
            .AppendLine("log_rotation_size = 0")
            .AppendLine("log_line_prefix = '%m [%p] %q%u@%d '")
            .AppendLine("log_timezone = 'UTC'")
            .AppendLine("timezone = 'UTC'")
            .AppendLine("datestyle = 'iso, mdy'")
            .AppendLine("lc_messages = 'C.UTF-8'")
            .AppendLine("lc_monetary = 'C.UTF-8'")
            .AppendLine("lc_numeric = 'C.UTF-8'")
            .AppendLine("lc_time = 'C.UTF-8'")
            .AppendLine("default_text_search_config = 'pg_catalog.english'")
            .AppendLine()
            .AppendLine($"include_if_exists = {Value(OverridesFileName)}")
            .ToString();

    /// <summary>Password (SCRAM) for everyone on every path: the socket is private, TCP is the users' way in.</summary>
    public static string RenderHba() =>
        new StringBuilder()
            .AppendLine("# Rendered by the DbaaS guest agent; edits are overwritten.")
            .AppendLine("# TYPE  DATABASE  USER  ADDRESS    METHOD")
            .AppendLine("local   all       all              scram-sha-256")
            .AppendLine("host    all       all   0.0.0.0/0  scram-sha-256")
            .AppendLine("host    all       all   ::/0       scram-sha-256")
            .ToString();

    public static string RenderOverrides(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var text = new StringBuilder().AppendLine("# Configuration overrides, rendered by the DbaaS guest agent.");
        foreach (var (key, value) in overrides) text.AppendLine($"{key} = {Value(value)}");
        return text.ToString();
    }

    /// <summary>A quoted postgresql.conf value (any setting accepts one): backslash and quote escaped.</summary>
    public static string Value(string value) =>
        "'" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A ~/.pgpass line: any host, port and database, for this user; ':' and '\' escaped.</summary>
    public static string PassFileLine(string user, string password) =>
        $"*:*:*:{Escape(user)}:{Escape(password)}\n";

    static string Escape(string field) => field.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal);
}
