using System.Text.RegularExpressions;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;

namespace DbaaS.Core.Instances;

/// <summary>
/// Names and passwords of the databases and users created with an instance, checked per engine before anything is
/// recorded: a refusal names the rule that failed. The guest quotes everything again (defence in depth).
/// </summary>
public static partial class InitialObjectRules
{
    sealed record EngineRules(
        string Engine, bool SupportsDatabases, Regex DatabaseName, Regex UserName, string NameRule,
        IReadOnlySet<string> ReservedDatabases, IReadOnlySet<string> ReservedUsers);

    static readonly EngineRules MySqlFamily = new(
        "MySQL/MariaDB", true, MySqlDatabase(), MySqlUser(),
        "letters, digits, '_', '$' and '-'; databases up to 64 characters, users up to 32",
        Set("mysql", "information_schema", "performance_schema", "sys", "lost+found"),
        Set("root", "os_admin", "mariadb.sys", "mysql.sys", "mysql.session", "mysql.infoschema"));

    static readonly EngineRules Postgres = new(
        "PostgreSQL", true, PostgresName(), PostgresName(),
        "a letter or '_' first, then letters, digits, '_' or '$'; up to 63 characters",
        Set("postgres", "template0", "template1"), Set("postgres", "os_admin"));

    static readonly EngineRules Redis = new(
        "Redis", false, NeverMatches(), RedisUser(),
        "letters, digits, '_', '.' and '-'; up to 64 characters",
        Set(), Set("default", "os_admin"));

    public static void Validate(DatastoreVersion version, string datastoreName, IReadOnlyList<DatabaseSpec> databases, IReadOnlyList<UserSpec> users)
    {
        var rules = For(version.Manager);
        if (databases.Count > 0 && !rules.SupportsDatabases)
            throw new BadRequestException($"Datastore {datastoreName} does not support databases: {rules.Engine} has numbered logical databases only.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            if (!rules.DatabaseName.IsMatch(database.Name))
                throw new BadRequestException($"Database name '{database.Name}' is not valid for {rules.Engine}: use {rules.NameRule}.");
            if (rules.ReservedDatabases.Contains(database.Name.ToLowerInvariant()))
                throw new BadRequestException($"Database name '{database.Name}' is reserved by {rules.Engine}.");
            if (!names.Add(database.Name))
                throw new BadRequestException($"Database '{database.Name}' is listed twice.");
            CheckCharsetField("character_set", database.CharacterSet);
            CheckCharsetField("collate", database.Collate);
        }
        var userKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            if (!rules.UserName.IsMatch(user.Name))
                throw new BadRequestException($"User name '{user.Name}' is not valid for {rules.Engine}: use {rules.NameRule}.");
            if (rules.ReservedUsers.Contains(user.Name.ToLowerInvariant()))
                throw new BadRequestException($"User name '{user.Name}' is reserved by {rules.Engine}.");
            if (user.Host is not null && (rules != MySqlFamily || !MySqlHost().IsMatch(user.Host)))
                throw new BadRequestException(rules == MySqlFamily
                    ? $"User host '{user.Host}' is not valid: use '%', an IP address or a host name pattern."
                    : $"User host is not supported by {rules.Engine}.");
            if (!userKeys.Add($"{user.Name}@{user.Host ?? "%"}"))
                throw new BadRequestException($"User '{user.Name}' is listed twice.");
            ValidatePassword(user.Name, user.Password);
            foreach (var database in user.Databases)
                if (!names.Contains(database))
                    throw new BadRequestException($"User '{user.Name}' is granted database '{database}', which is not in the instance's databases.");
        }
    }

    public static void ValidatePassword(string userName, string password)
    {
        if (password.Length is < 1 or > 128)
            throw new BadRequestException($"Password of user '{userName}' must be 1 to 128 characters long.");
        if (password.Any(char.IsControl))
            throw new BadRequestException($"Password of user '{userName}' must not contain control characters.");
    }

    static void CheckCharsetField(string field, string? value)
    {
        if (value is not null && !Charset().IsMatch(value))
            throw new BadRequestException($"Database {field} '{value}' is not valid: letters, digits and '_' only, up to 64 characters.");
    }

    static EngineRules For(string manager) => manager switch
    {
        "mysql" or "mariadb" or "percona" => MySqlFamily,
        "postgresql" => Postgres,
        "redis" => Redis,
        _ => MySqlFamily with { Engine = manager },
    };

    static IReadOnlySet<string> Set(params string[] names) => names.ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9_$-]{1,64}$")] private static partial Regex MySqlDatabase();
    [GeneratedRegex(@"^[A-Za-z0-9_$-]{1,32}$")] private static partial Regex MySqlUser();
    [GeneratedRegex(@"^[A-Za-z0-9.%_:-]{1,255}$")] private static partial Regex MySqlHost();
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")] private static partial Regex PostgresName();
    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$")] private static partial Regex RedisUser();
    [GeneratedRegex(@"^[A-Za-z0-9_]{1,64}$")] private static partial Regex Charset();
    [GeneratedRegex(@"(?!)")] private static partial Regex NeverMatches();
}
