using System.Text;
using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>
/// The SQL the guest agent sends to MariaDB and MySQL, as text, kept apart from the code that runs it. Every name
/// and password goes through <see cref="Identifier"/> or <see cref="Literal"/>, after validation.
/// </summary>
public static class MySqlSql
{
    /// <summary>
    /// Literals below escape with backslashes, which NO_BACKSLASH_ESCAPES (settable through sql_mode overrides)
    /// would turn off; every batch first removes it from its own session.
    /// </summary>
    public const string SessionPreamble = "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '');\n";

    /// <summary>Backtick-quoted; a backtick inside is doubled.</summary>
    public static string Identifier(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>Single-quoted with MySQL's backslash escapes (quotes, backslash, NUL, CR, LF, Ctrl-Z).</summary>
    public static string Literal(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
            text.Append(c switch
            {
                '\\' => @"\\",
                '\'' => @"\'",
                '"' => "\\\"",
                '\0' => @"\0",
                '\n' => @"\n",
                '\r' => @"\r",
                '\u001a' => @"\Z",
                _ => c.ToString(),
            });
        return text.Append('\'').ToString();
    }

    /// <summary>
    /// What to redact from a failed batch's error: each password as given and as quoted by <see cref="Literal"/>
    /// (the engine's syntax errors echo the statement, so the quoted form is what they show).
    /// </summary>
    public static IReadOnlyCollection<string> SecretForms(IEnumerable<string> passwords) =>
        passwords.SelectMany(p => new[] { p, Literal(p)[1..^1] }).Distinct(StringComparer.Ordinal).ToList();

    public static string Account(string user, string host) => $"{Literal(user)}@{Literal(host)}";

    /// <summary>
    /// The database part of a GRANT: there '_' and '%' are wildcards, so GRANT ON `a_b`.* would also grant aXb;
    /// they are escaped to match this one database only.
    /// </summary>
    public static string GrantTarget(string database) =>
        Identifier(database.Replace("_", @"\_", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)) + ".*";

    /// <summary>IF NOT EXISTS by default: prepare converges; the create_database RPC checks first and asks for none.</summary>
    public static string CreateDatabase(DatabaseSpec database, bool ifNotExists = true)
    {
        var sql = new StringBuilder($"CREATE DATABASE {(ifNotExists ? "IF NOT EXISTS " : "")}{Identifier(database.Name)}");
        if (database.CharacterSet is { } characterSet) sql.Append($" CHARACTER SET {characterSet}");
        if (database.Collate is { } collation) sql.Append($" COLLATE {collation}");
        return sql.Append(';').ToString();
    }

    /// <summary>IF NOT EXISTS: an existing account keeps its password (prepare converges, it does not reset).</summary>
    public static string CreateUser(MySqlDialect dialect, string user, string host, string password) =>
        $"CREATE USER IF NOT EXISTS {Account(user, host)} IDENTIFIED {With(dialect)}BY {Literal(password)};";

    public static string GrantAll(string database, string user, string host) =>
        $"GRANT ALL PRIVILEGES ON {GrantTarget(database)} TO {Account(user, host)};";

    /// <summary>
    /// The init file of the first start, run before the server accepts a connection: root@localhost (socket only,
    /// since names are not resolved) gets the admin password, and the passwordless root accounts that
    /// mariadb-install-db also creates for TCP from 127.0.0.1 and ::1 are dropped. One statement per line.
    /// </summary>
    public static string SecureAdmin(MySqlDialect dialect, string adminPassword) =>
        SessionPreamble
        + $"ALTER USER {Account("root", "localhost")} IDENTIFIED {With(dialect)}BY {Literal(adminPassword)};\n"
        + $"DROP USER IF EXISTS {Account("root", "127.0.0.1")}, {Account("root", "::1")};\n";

    /// <summary>Root accounts other than the admin's (e.g. root@&lt;hostname&gt;), to be dropped.</summary>
    public const string OtherRootAccounts = "SELECT Host FROM mysql.user WHERE User = 'root' AND Host <> 'localhost';";

    public static string DropUser(string user, string host) => $"DROP USER IF EXISTS {Account(user, host)};";

    static string With(MySqlDialect dialect) => dialect.AuthenticationPlugin is { } plugin ? $"WITH {plugin} " : "";
}
