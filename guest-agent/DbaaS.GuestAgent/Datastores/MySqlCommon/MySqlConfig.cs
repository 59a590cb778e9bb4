using System.Text;

namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>The [mysqld] option file the server starts with, and the admin's [client] option file.</summary>
public static class MySqlConfig
{
    /// <summary>Half the flavor's memory for InnoDB, at least 32 MB.</summary>
    public static int BufferPoolMb(int memoryMb) => Math.Max(32, memoryMb / 2);

    public sealed record ServerSettings(
        string DataDirectory, string Socket, string PidFile, string ErrorLog, string TmpDirectory, string FilesDirectory,
        int Port, string BindAddress, int MemoryMb, string OverridesFile);

    public static string RenderServer(MySqlDialect dialect, ServerSettings settings)
    {
        var text = new StringBuilder()
            .AppendLine("# Rendered by the DbaaS guest agent from the flavor; edits are overwritten.")
            .AppendLine("# Configuration overrides are in the included file at the end.")
            .AppendLine("[mysqld]")
            .AppendLine($"datadir = {Value(settings.DataDirectory)}")
            .AppendLine($"socket = {Value(settings.Socket)}")
            .AppendLine($"pid-file = {Value(settings.PidFile)}")
            .AppendLine($"log-error = {Value(settings.ErrorLog)}")
            // Per instance: concurrent installs sharing /tmp collide (infra-facts, MariaDB pitfall).
            .AppendLine($"tmpdir = {Value(settings.TmpDirectory)}")
            // Server-side file import/export only from this directory, never from the whole file system.
            .AppendLine($"secure-file-priv = {Value(settings.FilesDirectory)}")
            .AppendLine($"port = {settings.Port}")
            .AppendLine($"bind-address = {settings.BindAddress}")
            // Grants are by address; resolving client names would only slow logins and loosen root@localhost.
            .AppendLine("skip-name-resolve")
            .AppendLine("local-infile = 0")
            .AppendLine("character-set-server = utf8mb4")
            .AppendLine($"innodb_buffer_pool_size = {BufferPoolMb(settings.MemoryMb)}M");
        foreach (var line in dialect.ExtraServerSettings) text.AppendLine(line);
        return text.AppendLine().AppendLine($"!include {settings.OverridesFile}").ToString();
    }

    public static string RenderOverrides(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var text = new StringBuilder()
            .AppendLine("# Configuration overrides, rendered by the DbaaS guest agent.")
            .AppendLine("[mysqld]");
        foreach (var (key, value) in overrides) text.AppendLine($"{key} = {Value(value)}");
        return text.ToString();
    }

    /// <summary>Read by the client tools only (--defaults-file, root 0600); the password never reaches argv.</summary>
    public static string RenderAdminClient(string socket, string adminPassword) =>
        new StringBuilder()
            .AppendLine("[client]")
            .AppendLine("user = root")
            .AppendLine($"password = {Value(adminPassword)}")
            .AppendLine($"socket = {Value(socket)}")
            .AppendLine("default-character-set = utf8mb4")
            .ToString();

    /// <summary>
    /// An option-file value in double quotes, inside which '#' is not a comment. A bare '"' would end the quoted
    /// part (and a later '#' would then cut the value), so it is escaped, as is the backslash.
    /// </summary>
    public static string Value(string value) =>
        "\"" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
