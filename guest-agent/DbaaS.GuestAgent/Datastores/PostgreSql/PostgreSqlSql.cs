using System.Text;
using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Datastores.PostgreSql;

/// <summary>
/// The SQL the guest agent sends to PostgreSQL, as text. Names are double-quoted identifiers; strings are E''
/// literals, which mean the same whatever standard_conforming_strings says.
/// </summary>
public static class PostgreSqlSql
{
    public const string AdminRole = "postgres";

    /// <summary>Double-quoted; a double quote inside is doubled. Quoted names keep their case.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>An escape-string literal: backslash and single quote are escaped, nothing else is special.</summary>
    public static string Literal(string value) =>
        "E'" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>What exists already, one "kind|name" line each (psql -A -t), so prepare creates only what is missing.</summary>
    public const string ExistingDatabasesAndRoles =
        "SELECT 'database', datname FROM pg_database UNION ALL SELECT 'role', rolname FROM pg_roles;";

    /// <summary><paramref name="password"/> is a SCRAM verifier (<see cref="PostgreSqlPassword.ForServer"/>) or, else, hashed by the server.</summary>
    public static string CreateRole(string name, string password) =>
        $"CREATE ROLE {Identifier(name)} WITH LOGIN PASSWORD {Literal(password)};";

    /// <summary>
    /// Owned by <paramref name="owner"/>, which in PostgreSQL 15 is what lets a user create tables in its public
    /// schema. A database with its own encoding or collation is copied from template0.
    /// </summary>
    public static string CreateDatabase(DatabaseSpec database, string owner)
    {
        var sql = new StringBuilder($"CREATE DATABASE {Identifier(database.Name)} OWNER {Identifier(owner)}");
        if (database.CharacterSet is { } encoding) sql.Append($" ENCODING {Literal(encoding)}");
        if (database.Collate is { } collation) sql.Append($" LC_COLLATE {Literal(collation)} LC_CTYPE {Literal(collation)}");
        if (database.CharacterSet is not null || database.Collate is not null) sql.Append(" TEMPLATE template0");
        return sql.Append(';').ToString();
    }

    /// <summary>New databases admit only the users granted them, not every role (PUBLIC may connect by default).</summary>
    public static string RevokeFromPublic(string database) =>
        $"REVOKE CONNECT, TEMPORARY ON DATABASE {Identifier(database)} FROM PUBLIC;";

    public static string GrantDatabase(string database, string user) =>
        $"GRANT ALL PRIVILEGES ON DATABASE {Identifier(database)} TO {Identifier(user)};";

    /// <summary>Run inside the database: since PostgreSQL 15 only the owner may create in schema public.</summary>
    public static string GrantPublicSchema(string user) => $"GRANT ALL ON SCHEMA public TO {Identifier(user)};";

    // ---- databases, users and root (PostgreSqlAccess) -------------------------------------------------------

    public const string RootRole = "root";

    /// <summary>
    /// Before a statement that carries a password: nothing of this session reaches the server log, whatever the
    /// configuration overrides say (each setting is superuser-only, so tenants cannot turn it back on for us).
    /// </summary>
    public const string QuietSession =
        "SET log_statement = 'none'; SET log_min_error_statement = 'panic'; SET log_min_duration_statement = -1; SET log_min_duration_sample = -1;";

    static readonly string SystemDatabaseList = "'postgres', 'template0', 'template1'";

    /// <summary>The tenant's databases as one JSON array of names (JSON keeps any name a root user chose intact).</summary>
    public const string ListDatabases =
        "SELECT coalesce(json_agg(datname::text), '[]') FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1');";

    /// <summary>
    /// Login roles but the admin, root and pg_*, each with the databases it holds CONNECT on by an explicit grant
    /// (or as owner: the owner's default privileges count), as one JSON array of {name, databases}.
    /// </summary>
    public static readonly string ListUsers =
        "SELECT coalesce(json_agg(json_build_object('name', r.rolname::text, 'databases', " +
        "(SELECT coalesce(json_agg(d.datname::text), '[]') FROM pg_database d " +
        $"WHERE d.datname NOT IN ({SystemDatabaseList}) AND EXISTS (SELECT 1 FROM aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a " +
        "WHERE a.grantee = r.oid AND a.privilege_type = 'CONNECT')))), '[]') " +
        $"FROM pg_roles r WHERE r.rolcanlogin AND r.rolname NOT IN ({Literal(AdminRole)}, {Literal(RootRole)}) AND left(r.rolname, 3) <> 'pg_';";

    /// <summary>Which of <paramref name="names"/> are databases, one per line.</summary>
    public static string ExistingDatabases(IEnumerable<string> names) =>
        $"SELECT datname FROM pg_database WHERE datname::text = ANY({TextArray(names)});";

    /// <summary>Which of <paramref name="names"/> are roles (with or without LOGIN: a name is taken either way), one per line.</summary>
    public static string ExistingRoles(IEnumerable<string> names) =>
        $"SELECT rolname FROM pg_roles WHERE rolname::text = ANY({TextArray(names)});";

    /// <summary>"t" when the role exists and may log in, "f" when it exists without LOGIN, nothing when absent.</summary>
    public static string RoleCanLogin(string name) => $"SELECT rolcanlogin FROM pg_roles WHERE rolname = {Literal(name)};";

    /// <summary>One line "connect|owner" (1 or 0 each) when the database exists, nothing otherwise.</summary>
    public static string AccessOf(string user, string database) =>
        "SELECT (EXISTS (SELECT 1 FROM aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a " +
        $"WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = {Literal(user)}) AND a.privilege_type = 'CONNECT'))::int " +
        $"|| '|' || (pg_get_userbyid(d.datdba) = {Literal(user)})::int FROM pg_database d WHERE d.datname = {Literal(database)};";

    /// <summary>The connectable databases where the role owns objects or holds privileges (pg_shdepend), one per line.</summary>
    public static string DatabasesDependingOn(string role) =>
        "SELECT DISTINCT d.datname FROM pg_shdepend s JOIN pg_database d ON d.oid = s.dbid " +
        $"WHERE s.refclassid = 'pg_authid'::regclass AND s.refobjid = (SELECT oid FROM pg_roles WHERE rolname = {Literal(role)}) AND d.datallowconn;";

    public static string DropDatabase(string database) => $"DROP DATABASE {Identifier(database)} WITH (FORCE);";

    public static string DropDatabaseIfExists(string database) => $"DROP DATABASE IF EXISTS {Identifier(database)} WITH (FORCE);";

    public static string AlterPassword(string role, string password) =>
        $"ALTER ROLE {Identifier(role)} WITH PASSWORD {Literal(password)};";

    public static string RenameRole(string role, string newName) => $"ALTER ROLE {Identifier(role)} RENAME TO {Identifier(newName)};";

    /// <summary>Ends the role's sessions (on one database, or all): a revoked or dropped role must not keep working.</summary>
    public static string TerminateSessions(string role, string? database = null) =>
        $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = {Literal(role)}" +
        (database is null ? ";" : $" AND datname = {Literal(database)};");

    /// <summary>
    /// Run inside the database: use and create in schema public, every privilege on what is there, and on the
    /// tables and sequences the admin creates later (a restore, say). What the user creates it owns.
    /// </summary>
    public static string GrantSchemaAccess(string user)
    {
        var to = Identifier(user);
        return string.Join('\n',
            $"GRANT USAGE, CREATE ON SCHEMA public TO {to};",
            $"GRANT ALL ON ALL TABLES IN SCHEMA public TO {to};",
            $"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {to};",
            $"ALTER DEFAULT PRIVILEGES FOR ROLE {Identifier(AdminRole)} IN SCHEMA public GRANT ALL ON TABLES TO {to};",
            $"ALTER DEFAULT PRIVILEGES FOR ROLE {Identifier(AdminRole)} IN SCHEMA public GRANT ALL ON SEQUENCES TO {to};");
    }

    /// <summary>Run inside the database: undoes <see cref="GrantSchemaAccess"/>.</summary>
    public static string RevokeSchemaAccess(string user)
    {
        var from = Identifier(user);
        return string.Join('\n',
            $"ALTER DEFAULT PRIVILEGES FOR ROLE {Identifier(AdminRole)} IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {from};",
            $"ALTER DEFAULT PRIVILEGES FOR ROLE {Identifier(AdminRole)} IN SCHEMA public REVOKE ALL ON TABLES FROM {from};",
            $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {from};",
            $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {from};",
            $"REVOKE ALL ON SCHEMA public FROM {from};");
    }

    public static string RevokeDatabase(string database, string user) =>
        $"REVOKE ALL PRIVILEGES ON DATABASE {Identifier(database)} FROM {Identifier(user)};";

    /// <summary>A database the user owned (made so by prepare) passes to the admin, so revoking its access takes effect.</summary>
    public static string GiveDatabaseToAdmin(string database) => $"ALTER DATABASE {Identifier(database)} OWNER TO {Identifier(AdminRole)};";

    /// <summary>
    /// Run in each database the role has objects in: what it owns passes to the admin (the data stays with the
    /// database), then its privileges and default privileges go. In any database, also its shared objects' (databases).
    /// </summary>
    public static string DisownRole(string role) =>
        $"REASSIGN OWNED BY {Identifier(role)} TO {Identifier(AdminRole)};\nDROP OWNED BY {Identifier(role)};";

    public static string DropRole(string role) => $"DROP ROLE {Identifier(role)};";

    public static string CreateRoot(string password) =>
        $"CREATE ROLE {Identifier(RootRole)} WITH SUPERUSER LOGIN PASSWORD {Literal(password)};";

    public static string EnableRoot(string password) =>
        $"ALTER ROLE {Identifier(RootRole)} WITH SUPERUSER LOGIN PASSWORD {Literal(password)};";

    /// <summary>NOSUPERUSER too: a role root made a member of it could otherwise SET ROLE root and be superuser.</summary>
    public const string DisableRoot = "ALTER ROLE \"root\" WITH NOSUPERUSER NOLOGIN;";

    static string TextArray(IEnumerable<string> values) => $"ARRAY[{string.Join(", ", values.Select(Literal))}]::text[]";
}
