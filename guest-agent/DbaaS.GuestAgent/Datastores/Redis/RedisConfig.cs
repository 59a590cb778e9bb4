using System.Security.Cryptography;
using System.Text;

namespace DbaaS.GuestAgent.Datastores.Redis;

/// <summary>redis.conf and the ACL file as the guest agent renders them.</summary>
public static class RedisConfig
{
    /// <summary>Three quarters of the flavor's memory for data, at least 16 MB; the rest is the process and fork headroom.</summary>
    public static int MaxMemoryMb(int memoryMb) => Math.Max(16, memoryMb * 3 / 4);

    public sealed record Settings(
        int Port, string BindAddress, string Socket, string PidFile, string LogFile, string DataDirectory, string AclFile,
        int MemoryMb, string OverridesFile);

    public static string Render(Settings settings) =>
        new StringBuilder()
            .AppendLine("# Rendered by the DbaaS guest agent from the flavor; edits are overwritten.")
            .AppendLine("# Configuration overrides are in the file included at the end.")
            .AppendLine($"port {settings.Port}")
            .AppendLine($"bind {settings.BindAddress}")
            .AppendLine("protected-mode yes")
            // The admin's way in, in a directory only redis (and root) can enter.
            .AppendLine($"unixsocket {Value(settings.Socket)}")
            .AppendLine("unixsocketperm 700")
            .AppendLine("daemonize no")
            .AppendLine($"pidfile {Value(settings.PidFile)}")
            .AppendLine($"logfile {Value(settings.LogFile)}")
            .AppendLine($"dir {Value(settings.DataDirectory)}")
            // Users (the admin is "default") with hashed passwords, rewritten by ACL SAVE: no password in this file.
            .AppendLine($"aclfile {Value(settings.AclFile)}")
            .AppendLine($"maxmemory {MaxMemoryMb(settings.MemoryMb)}mb")
            // A database, not a cache: when full, refuse writes rather than silently evict someone's keys.
            .AppendLine("maxmemory-policy noeviction")
            // Every acknowledged write is in the append-only file before the reply, so it survives a restart or SIGKILL.
            .AppendLine("appendonly yes")
            .AppendLine("appendfsync everysec")
            .AppendLine()
            .AppendLine($"include {Value(settings.OverridesFile)}")
            .ToString();

    public static string RenderOverrides(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var text = new StringBuilder().AppendLine("# Configuration overrides, rendered by the DbaaS guest agent.");
        foreach (var (key, value) in overrides) text.AppendLine($"{key} {Value(value)}");
        return text.ToString();
    }

    /// <summary>The initial ACL file: only the admin, as the default user, by the SHA-256 of its password.</summary>
    public static string RenderInitialAcl(string adminPassword) => $"user default on #{PasswordHash(adminPassword)} ~* &* +@all\n";

    public static string PasswordHash(string password) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    /// <summary>A double-quoted argument as redis.conf and redis-cli split them: backslash and quote escaped.</summary>
    public static string Value(string value) =>
        "\"" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
