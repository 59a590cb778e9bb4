using System.Text.RegularExpressions;
using DbaaS.Core.Errors;

namespace DbaaS.Core.Access;

/// <summary>
/// One engine's rules for the names and passwords of databases and users, shared by instance create and the
/// database, user and root routes. Every refusal names the rule that failed. The guest checks and quotes again
/// (defence in depth); these rules are what keeps a hostile name from ever being sent.
/// </summary>
public sealed partial class EngineObjectRules
{
    public const int MaxPasswordLength = 128;

    /// <summary>Shown in refusals, e.g. "MySQL/MariaDB".</summary>
    public string Engine { get; }

    /// <summary>False where the engine has no named databases (Redis: numbered logical databases only).</summary>
    public bool HasNamedDatabases { get; }

    /// <summary>True where users are (name, host) pairs, MySQL and MariaDB.</summary>
    public bool HasUserHosts { get; }

    readonly Regex _databaseName;
    readonly Regex _userName;
    readonly string _databaseNameRule;
    readonly string _userNameRule;
    readonly IReadOnlySet<string> _reservedDatabases;
    readonly IReadOnlySet<string> _reservedUsers;

    EngineObjectRules(string engine, bool hasNamedDatabases, bool hasUserHosts, Regex databaseName, string databaseNameRule,
        Regex userName, string userNameRule, IReadOnlySet<string> reservedDatabases, IReadOnlySet<string> reservedUsers)
    {
        Engine = engine;
        HasNamedDatabases = hasNamedDatabases;
        HasUserHosts = hasUserHosts;
        _databaseName = databaseName;
        _databaseNameRule = databaseNameRule;
        _userName = userName;
        _userNameRule = userNameRule;
        _reservedDatabases = reservedDatabases;
        _reservedUsers = reservedUsers;
    }

    /// <summary>The default host of a MySQL-family user when none is given.</summary>
    public const string AnyHost = "%";

    public static readonly EngineObjectRules MySqlFamily = new(
        "MySQL/MariaDB", hasNamedDatabases: true, hasUserHosts: true,
        MySqlDatabase(), "letters, digits, '_', '$' and '-', 1 to 64 characters",
        MySqlUser(), "letters, digits, '_', '$' and '-', 1 to 32 characters",
        Set("mysql", "information_schema", "performance_schema", "sys", "lost+found"),
        Set("root", "os_admin", "mysql", "mariadb.sys", "mysql.sys", "mysql.session", "mysql.infoschema", "debian-sys-maint"));

    public static readonly EngineObjectRules PostgreSql = new(
        "PostgreSQL", hasNamedDatabases: true, hasUserHosts: false,
        PostgresName(), "a letter or '_' first, then letters, digits, '_' or '$', up to 63 characters",
        PostgresName(), "a letter or '_' first, then letters, digits, '_' or '$', up to 63 characters",
        Set("postgres", "template0", "template1"),
        Set("postgres", "root", "os_admin"));

    public static readonly EngineObjectRules Redis = new(
        "Redis", hasNamedDatabases: false, hasUserHosts: false,
        NeverMatches(), "Redis has numbered logical databases only",
        RedisUser(), "letters, digits, '_', '.' and '-', 1 to 64 characters",
        Set(), Set("default", "root", "os_admin"));

    /// <summary>The rules of a datastore manager; an unknown manager gets the strictest common ones (the MySQL family's).</summary>
    public static EngineObjectRules For(string manager) => manager switch
    {
        "mysql" or "mariadb" or "percona" => MySqlFamily,
        "postgresql" => PostgreSql,
        "redis" => Redis,
        _ => MySqlFamily,
    };

    public void ValidateDatabaseName(string name)
    {
        if (!_databaseName.IsMatch(name))
            throw new BadRequestException($"Database name '{Shown(name)}' is not valid for {Engine}: use {_databaseNameRule}.");
        // Case-insensitive: MySQL on a case-insensitive file system, and PostgreSQL's folding, make 'MySQL' the same name.
        if (_reservedDatabases.Contains(name.ToLowerInvariant()))
            throw new BadRequestException($"Database name '{name}' is reserved by {Engine}.");
    }

    public void ValidateUserName(string name)
    {
        if (!_userName.IsMatch(name))
            throw new BadRequestException($"User name '{Shown(name)}' is not valid for {Engine}: use {_userNameRule}.");
        if (_reservedUsers.Contains(name.ToLowerInvariant()))
            throw new BadRequestException($"User name '{name}' is reserved by {Engine}.");
    }

    /// <summary>The host as the guest wants it: '%' when a MySQL-family user names none, null for other engines.</summary>
    public string? NormalizeHost(string? host)
    {
        if (!HasUserHosts)
        {
            if (host is not null) throw new BadRequestException($"User host is not supported by {Engine}: name the user without '@host'.");
            return null;
        }
        if (host is null) return AnyHost;
        if (!MySqlHost().IsMatch(host))
            throw new BadRequestException(
                $"User host '{Shown(host)}' is not valid: use '%', an IP address, or a host name or pattern of letters, digits, '.', '-', ':', '_' and '%' (up to 255 characters).");
        return host;
    }

    /// <summary>Any printable text of 1 to 128 characters: the guest passes it as a quoted literal or an argument, never through a shell.</summary>
    public static void ValidatePassword(string userName, string password)
    {
        if (password.Length is < 1 or > MaxPasswordLength)
            throw new BadRequestException($"Password of user '{Shown(userName)}' must be 1 to {MaxPasswordLength} characters long.");
        if (password.Any(char.IsControl))
            throw new BadRequestException($"Password of user '{Shown(userName)}' must not contain control characters.");
    }

    public static void ValidateCharsetField(string field, string? value)
    {
        if (value is not null && !Charset().IsMatch(value))
            throw new BadRequestException($"Database {field} '{Shown(value)}' is not valid: letters, digits and '_' only, up to 64 characters.");
    }

    /// <summary>A refused name is echoed for the user, but cut short and without control characters (it may be hostile).</summary>
    static string Shown(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= 80 ? clean : clean[..80] + "…";
    }

    static IReadOnlySet<string> Set(params string[] names) => names.ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9_$-]{1,64}$")] private static partial Regex MySqlDatabase();
    [GeneratedRegex(@"^[A-Za-z0-9_$-]{1,32}$")] private static partial Regex MySqlUser();
    [GeneratedRegex(@"^[A-Za-z0-9.%_:-]{1,255}$")] private static partial Regex MySqlHost();
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")] private static partial Regex PostgresName();
    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$")] private static partial Regex RedisUser();
    [GeneratedRegex(@"^[A-Za-z0-9_]{1,64}$")] private static partial Regex Charset();
    [GeneratedRegex(@"(?!)")] private static partial Regex NeverMatches();
}
