using System.Text;
using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>An account in mysql.user; <see cref="IsLogin"/> is false for a role.</summary>
public sealed record MySqlAccount(string User, string Host, bool IsLogin)
{
    public bool Is(string user, string host) => MySqlCatalog.SameAccount(User, Host, user, host);
}

/// <summary>A row of mysql.db: <see cref="Pattern"/> as stored (wildcards escaped), <see cref="Database"/> unescaped.</summary>
public sealed record MySqlDatabaseGrant(string User, string Host, string Pattern, bool GrantOption)
{
    public string Database => MySqlAccessSql.UnescapePattern(Pattern);
}

/// <summary>A collation as the engine names it, short and full (the same on MySQL).</summary>
public sealed record MySqlCollation(string CharacterSet, string Name, string FullName);

/// <summary>
/// What one read of the engine's catalog returned (<see cref="MySqlAccessSql"/>'s tagged, hex-encoded rows): the
/// state the RPCs check before they change anything.
/// </summary>
public sealed record MySqlCatalog(
    IReadOnlyList<DatabaseSpec> Databases,
    IReadOnlyList<MySqlAccount> Accounts,
    IReadOnlyList<MySqlDatabaseGrant> Grants,
    IReadOnlyList<MySqlCollation> Collations)
{
    /// <summary>User names compare exactly; host names as the engine does, without regard to case.</summary>
    public static bool SameAccount(string user, string host, string otherUser, string otherHost) =>
        string.Equals(user, otherUser, StringComparison.Ordinal) && string.Equals(host, otherHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>Database names are directory names on Linux: exact.</summary>
    public bool HasDatabase(string name) => Databases.Any(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    public MySqlAccount? Account(string user, string host) => Accounts.FirstOrDefault(a => a.Is(user, host));

    public IEnumerable<MySqlDatabaseGrant> GrantsOf(string user, string host) =>
        Grants.Where(g => SameAccount(g.User, g.Host, user, host));

    /// <exception cref="FormatException">A row the reads do not produce.</exception>
    public static MySqlCatalog Parse(string output)
    {
        var databases = new List<DatabaseSpec>();
        var accounts = new List<MySqlAccount>();
        var grants = new List<MySqlDatabaseGrant>();
        var collations = new List<MySqlCollation>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            switch (fields[0], fields.Length)
            {
                case ("database", 4):
                    databases.Add(new DatabaseSpec(Hex(fields[1]), Hex(fields[2]), Hex(fields[3])));
                    break;
                case ("account", 4):
                    accounts.Add(new MySqlAccount(Hex(fields[1]), Hex(fields[2]), fields[3] == "1"));
                    break;
                case ("grant", 5):
                    grants.Add(new MySqlDatabaseGrant(Hex(fields[1]), Hex(fields[2]), Hex(fields[3]), fields[4] == "Y"));
                    break;
                case ("collation", 4):
                    collations.Add(new MySqlCollation(Hex(fields[1]), Hex(fields[2]), Hex(fields[3])));
                    break;
                default:
                    throw new FormatException($"unexpected catalog row with {fields.Length} fields starting '{fields[0]}'");
            }
        }
        return new MySqlCatalog(databases, accounts, grants, collations);
    }

    static string Hex(string hex) => Encoding.UTF8.GetString(Convert.FromHexString(hex));
}
