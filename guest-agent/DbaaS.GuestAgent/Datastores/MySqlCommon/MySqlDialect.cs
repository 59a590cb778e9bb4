namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>Where MariaDB and MySQL differ in what the shared code writes; everything else is the same.</summary>
/// <param name="AuthenticationPlugin">Named in CREATE USER and ALTER USER (MySQL 8: caching_sha2_password); null keeps the server default.</param>
/// <param name="MaxUserNameLength">MySQL 8 allows 32 characters, MariaDB 80.</param>
/// <param name="ExtraServerSettings">[mysqld] lines only one of them knows.</param>
/// <param name="SystemAccounts">
/// The engine's own accounts (besides root, mysql and debian-sys-maint, which both have): never listed, never
/// touched by the user methods, refused as names.
/// </param>
/// <param name="TenantAccountCondition">
/// A condition on mysql.user that leaves out what is not a login account. MariaDB keeps its roles (PUBLIC among them)
/// in mysql.user with is_role = 'Y'; MySQL 8 keeps roles as plain locked accounts with no column telling them apart,
/// and only root (once the tenant enabled it) can create one, so nothing more is left out there.
/// </param>
/// <param name="FullCollationColumn">
/// information_schema.COLLATION_CHARACTER_SET_APPLICABILITY's column with the collation's full name: MariaDB 10.10+
/// lists its UCA 14 collations there both as uca1400_ai_ci and utf8mb4_uca1400_ai_ci, and accepts either.
/// </param>
public sealed record MySqlDialect(
    string Engine,
    string? AuthenticationPlugin,
    int MaxUserNameLength,
    IReadOnlyList<string> ExtraServerSettings,
    IReadOnlyList<string> SystemAccounts,
    string TenantAccountCondition,
    string FullCollationColumn)
{
    public static readonly MySqlDialect MariaDb = new("mariadb", null, 80, [], ["mariadb.sys", "PUBLIC"], "is_role = 'N'", "FULL_COLLATION_NAME");

    /// <summary>MySQL 8: the X Protocol plugin would listen on 33060 for every instance on the host, so it is off.</summary>
    public static readonly MySqlDialect MySql = new("mysql", "caching_sha2_password", 32, ["mysqlx = OFF"],
        ["mysql.sys", "mysql.session", "mysql.infoschema"], "TRUE", "COLLATION_NAME");
}
