namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>Where MariaDB and MySQL differ in what the shared code writes; everything else is the same.</summary>
/// <param name="AuthenticationPlugin">Named in CREATE USER (MySQL 8: caching_sha2_password); null keeps the server default.</param>
/// <param name="MaxUserNameLength">MySQL 8 allows 32 characters, MariaDB 80.</param>
/// <param name="ExtraServerSettings">[mysqld] lines only one of them knows.</param>
public sealed record MySqlDialect(string Engine, string? AuthenticationPlugin, int MaxUserNameLength, IReadOnlyList<string> ExtraServerSettings)
{
    public static readonly MySqlDialect MariaDb = new("mariadb", null, 80, []);

    /// <summary>MySQL 8: the X Protocol plugin would listen on 33060 for every instance on the host, so it is off.</summary>
    public static readonly MySqlDialect MySql = new("mysql", "caching_sha2_password", 32, ["mysqlx = OFF"]);
}
