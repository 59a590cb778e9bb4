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

    /// <summary>The server hashes the password with password_encryption (scram-sha-256).</summary>
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
}
