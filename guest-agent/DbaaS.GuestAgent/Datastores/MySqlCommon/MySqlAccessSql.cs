using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>
/// The SQL of the database, user and root RPCs. Reads tag each row with what it is and hex-encode every name, so
/// that a name with a tab, a newline or a backslash (root, once enabled, can create one) cannot break the parsing of
/// the client's tab-separated output (<see cref="MySqlCatalog"/>). Writes quote every name and password through
/// <see cref="MySqlSql"/>, after validation.
/// </summary>
public static class MySqlAccessSql
{
    public const string ReadDatabases =
        "SELECT 'database', HEX(SCHEMA_NAME), HEX(DEFAULT_CHARACTER_SET_NAME), HEX(DEFAULT_COLLATION_NAME) FROM information_schema.SCHEMATA;";

    /// <summary>Every account, roles included (a new user must not take a role's name), each flagged as a login account or not.</summary>
    public static string ReadAccounts(MySqlDialect dialect) =>
        $"SELECT 'account', HEX(User), HEX(Host), IF({dialect.TenantAccountCondition}, 1, 0) FROM mysql.user;";

    /// <summary>Database-level grants: Db is the GRANT's pattern as written, wildcards escaped (see <see cref="MySqlSql.GrantTarget"/>).</summary>
    public const string ReadDatabaseGrants = "SELECT 'grant', HEX(User), HEX(Host), HEX(Db), Grant_priv FROM mysql.db;";

    /// <summary>The collations of the named character sets and the named collations, to check a CREATE DATABASE before running any.</summary>
    public static string ReadCollations(MySqlDialect dialect, IReadOnlyCollection<string> characterSets, IReadOnlyCollection<string> collations)
    {
        var none = MySqlSql.Literal("");
        var sets = characterSets.Count == 0 ? none : string.Join(", ", characterSets.Select(MySqlSql.Literal));
        var names = collations.Count == 0 ? none : string.Join(", ", collations.Select(MySqlSql.Literal));
        return $"SELECT 'collation', HEX(CHARACTER_SET_NAME), HEX(COLLATION_NAME), HEX({dialect.FullCollationColumn}) "
            + "FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY "
            + $"WHERE CHARACTER_SET_NAME IN ({sets}) OR COLLATION_NAME IN ({names}) OR {dialect.FullCollationColumn} IN ({names});";
    }

    /// <summary>No IF NOT EXISTS: existence was checked just before, and a database created meanwhile must fail the call, not be adopted.</summary>
    public static string CreateDatabase(DatabaseSpec database) => MySqlSql.CreateDatabase(database, ifNotExists: false);

    public static string DropDatabase(string name) => $"DROP DATABASE {MySqlSql.Identifier(name)};";

    public static string CreateUser(MySqlDialect dialect, string user, string host, string password) =>
        $"CREATE USER {MySqlSql.Account(user, host)} IDENTIFIED {With(dialect)}BY {MySqlSql.Literal(password)};";

    public static string DropUser(string user, string host) => $"DROP USER {MySqlSql.Account(user, host)};";

    public static string SetPassword(MySqlDialect dialect, string user, string host, string password) =>
        $"ALTER USER {MySqlSql.Account(user, host)} IDENTIFIED {With(dialect)}BY {MySqlSql.Literal(password)};";

    /// <summary>The engine moves the account's grants with it.</summary>
    public static string RenameUser(string user, string host, string newUser, string newHost) =>
        $"RENAME USER {MySqlSql.Account(user, host)} TO {MySqlSql.Account(newUser, newHost)};";

    /// <summary>
    /// Revokes one mysql.db row, named by its pattern exactly as stored (so it matches that row and no other).
    /// ALL PRIVILEGES does not include GRANT OPTION, which is revoked on its own when the row has it; a row left
    /// without privileges is deleted by the engine.
    /// </summary>
    public static string RevokeDatabase(string storedPattern, bool grantOption, string user, string host)
    {
        var target = $"{MySqlSql.Identifier(storedPattern)}.*";
        var account = MySqlSql.Account(user, host);
        var revoke = $"REVOKE ALL PRIVILEGES ON {target} FROM {account};";
        return grantOption ? $"{revoke}\nREVOKE GRANT OPTION ON {target} FROM {account};" : revoke;
    }

    public const string RootUser = "root";
    /// <summary>The tenant's root: any host. root@localhost is the agent's admin (socket only) and stays.</summary>
    public const string RootHost = "%";

    /// <summary>Converges: creates root@'%' or gives it the new password, unlocks it and grants everything.</summary>
    public static string EnableRoot(MySqlDialect dialect, string password)
    {
        var account = MySqlSql.Account(RootUser, RootHost);
        var secret = MySqlSql.Literal(password);
        return $"CREATE USER IF NOT EXISTS {account} IDENTIFIED {With(dialect)}BY {secret};\n"
            + $"ALTER USER {account} IDENTIFIED {With(dialect)}BY {secret} ACCOUNT UNLOCK;\n"
            + $"GRANT ALL PRIVILEGES ON *.* TO {account} WITH GRANT OPTION;";
    }

    /// <summary>A database-level grant pattern as a database name: the escapes of '_' and '%' (any backslash escape) undone.</summary>
    public static string UnescapePattern(string pattern)
    {
        var name = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length) i++;
            name.Append(pattern[i]);
        }
        return name.ToString();
    }

    static string With(MySqlDialect dialect) => dialect.AuthenticationPlugin is { } plugin ? $"WITH {plugin} " : "";
}
