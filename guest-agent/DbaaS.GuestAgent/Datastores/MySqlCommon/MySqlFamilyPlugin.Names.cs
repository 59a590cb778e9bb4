using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>The names the MySQL family accepts from the tenant, and the ones it keeps for the engine and the agent.</summary>
public abstract partial class MySqlFamilyPlugin
{
    static readonly string[] SystemDatabases = ["mysql", "information_schema", "performance_schema", "sys"];

    /// <summary>Not databases: a file system's lost+found in the data directory shows as one (MariaDB prefixes it #mysql50#).</summary>
    static readonly string[] NotDatabases = ["lost+found", "#mysql50#lost+found"];

    /// <summary>Both engines' accounts besides the dialect's own: root (root@localhost is the agent's admin), mysql, Debian's maintenance user.</summary>
    static readonly string[] CommonSystemUsers = ["root", "mysql", "debian-sys-maint"];

    /// <summary>The engines name their own accounts mysql.* and mariadb.*; later versions may add more.</summary>
    static readonly string[] SystemUserPrefixes = ["mysql.", "mariadb."];

    IEnumerable<string> SystemUsers => CommonSystemUsers.Concat(Dialect.SystemAccounts);

    /// <summary>Root, the engine's accounts, the anonymous user: never listed, never touched by the user methods.</summary>
    bool IsSystemUser(string name) =>
        name.Length == 0
        || SystemUsers.Contains(name, StringComparer.OrdinalIgnoreCase)
        || SystemUserPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    static bool IsSystemDatabase(string name) => SystemDatabases.Contains(name, StringComparer.OrdinalIgnoreCase) || NotDatabases.Contains(name);

    void RequireDatabase(DatabaseSpec database)
    {
        RequireDatabaseName(database.Name);
        if (database.CharacterSet is not null) RequireCharsetName("character set", database.CharacterSet);
        if (database.Collate is not null) RequireCharsetName("collation", database.Collate);
    }

    void RequireDatabaseName(string name)
    {
        NameRules.Require(Dialect.Engine, "database name", name, 64, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$',
            "letters, digits, '_', '-' or '$'");
        NameRules.RefuseReserved(Dialect.Engine, "database name", name, SystemDatabases, StringComparer.OrdinalIgnoreCase);
    }

    void RequireCharsetName(string what, string name) =>
        NameRules.Require(Dialect.Engine, what, name, 64, c => char.IsAsciiLetterOrDigit(c) || c == '_', "letters, digits or '_'");

    /// <summary>A tenant's account: valid name and host, neither root nor one of the engine's own.</summary>
    void RequireUser(string name, string host)
    {
        NameRules.Require(Dialect.Engine, "user name", name, Dialect.MaxUserNameLength,
            c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.', "letters, digits, '_', '-' or '.'");
        if (IsSystemUser(name))
            throw new ArgumentException($"{Dialect.Engine}: user name '{name}' is reserved for the engine or the guest agent");
        NameRules.Require(Dialect.Engine, $"host of user '{name}'", host, 255,
            c => char.IsAsciiLetterOrDigit(c) || c is '.' or '%' or '_' or ':' or '-' or '/', "letters, digits, '.', '%', '_', ':', '-' or '/'");
    }

    /// <summary>The tenant's user as (name, host), checked; host '%' when absent.</summary>
    (string Name, string Host) RequireUser(UserRef user)
    {
        var host = HostOf(user.Host);
        RequireUser(user.Name, host);
        return (user.Name, host);
    }

    static string HostOf(string? host) => string.IsNullOrEmpty(host) ? "%" : host;
}
