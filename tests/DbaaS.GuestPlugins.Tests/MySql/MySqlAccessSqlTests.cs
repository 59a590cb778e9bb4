using System.Text;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.MySqlCommon;

namespace DbaaS.GuestPlugins.Tests.MySql;

/// <summary>The SQL of the database, user and root RPCs, and the reading of the catalog, checked as text.</summary>
public sealed class MySqlAccessSqlTests
{
    [Fact]
    public void Enable_root_converges_on_root_at_any_host_with_every_privilege()
    {
        Assert.Equal(
            """
            CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY 'p\'w';
            ALTER USER 'root'@'%' IDENTIFIED BY 'p\'w' ACCOUNT UNLOCK;
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;
            """.ReplaceLineEndings("\n"),
            MySqlAccessSql.EnableRoot(MySqlDialect.MariaDb, "p'w"));
        Assert.Contains("ALTER USER 'root'@'%' IDENTIFIED WITH caching_sha2_password BY 'pw' ACCOUNT UNLOCK;",
            MySqlAccessSql.EnableRoot(MySqlDialect.MySql, "pw"));
    }

    [Fact]
    public void Writes_quote_names_and_passwords_and_create_without_if_not_exists()
    {
        Assert.Equal("CREATE DATABASE `shop` CHARACTER SET latin1 COLLATE latin1_bin;",
            MySqlAccessSql.CreateDatabase(new DatabaseSpec("shop", "latin1", "latin1_bin")));
        Assert.Equal("DROP DATABASE `a``b`;", MySqlAccessSql.DropDatabase("a`b"));
        Assert.Equal(@"CREATE USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY 'a\\b\'c';",
            MySqlAccessSql.CreateUser(MySqlDialect.MySql, "app", "%", @"a\b'c"));
        Assert.Equal("ALTER USER 'app'@'%' IDENTIFIED BY 'pw';", MySqlAccessSql.SetPassword(MySqlDialect.MariaDb, "app", "%", "pw"));
        Assert.Equal("RENAME USER 'app'@'%' TO 'bob'@'10.0.0.%';", MySqlAccessSql.RenameUser("app", "%", "bob", "10.0.0.%"));
        Assert.Equal("DROP USER 'app'@'%';", MySqlAccessSql.DropUser("app", "%"));
    }

    [Fact]
    public void Revoke_names_the_stored_pattern_and_revokes_grant_option_only_where_held()
    {
        Assert.Equal(@"REVOKE ALL PRIVILEGES ON `a\_b`.* FROM 'app'@'%';", MySqlAccessSql.RevokeDatabase(@"a\_b", false, "app", "%"));
        Assert.Equal(
            "REVOKE ALL PRIVILEGES ON `db`.* FROM 'app'@'%';\nREVOKE GRANT OPTION ON `db`.* FROM 'app'@'%';",
            MySqlAccessSql.RevokeDatabase("db", true, "app", "%"));
    }

    [Theory]
    [InlineData(@"my\_db", "my_db")]
    [InlineData(@"100\%", "100%")]
    [InlineData("plain", "plain")]
    [InlineData(@"trailing\", @"trailing\")]
    public void Grant_patterns_are_unescaped_into_database_names(string pattern, string database) =>
        Assert.Equal(database, MySqlAccessSql.UnescapePattern(pattern));

    [Fact]
    public void Accounts_are_read_with_the_dialects_role_condition()
    {
        Assert.Contains("IF(is_role = 'N', 1, 0)", MySqlAccessSql.ReadAccounts(MySqlDialect.MariaDb));
        Assert.Contains("IF(TRUE, 1, 0)", MySqlAccessSql.ReadAccounts(MySqlDialect.MySql));
    }

    [Fact]
    public void Collations_are_looked_up_by_short_and_full_name_with_names_quoted()
    {
        var sql = MySqlAccessSql.ReadCollations(MySqlDialect.MariaDb, ["utf8mb4"], ["uca1400_ai_ci"]);
        Assert.Contains("WHERE CHARACTER_SET_NAME IN ('utf8mb4') OR COLLATION_NAME IN ('uca1400_ai_ci') OR FULL_COLLATION_NAME IN ('uca1400_ai_ci');", sql);
        Assert.Contains("CHARACTER_SET_NAME IN ('')", MySqlAccessSql.ReadCollations(MySqlDialect.MySql, [], ["utf8mb4_bin"]));
    }

    [Fact]
    public void The_catalog_is_read_from_hex_so_tabs_newlines_and_backslashes_in_names_survive()
    {
        static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));
        var output = string.Join('\n',
            $"database\t{Hex("odd\tname\nhere")}\t{Hex("utf8mb4")}\t{Hex("utf8mb4_bin")}",
            $"account\t{Hex("app")}\t{Hex("%")}\t1",
            $"account\t{Hex("PUBLIC")}\t\t0",
            $"grant\t{Hex("app")}\t{Hex("%")}\t{Hex(@"a\_b")}\tY",
            $"collation\t{Hex("utf8mb4")}\t{Hex("uca1400_ai_ci")}\t{Hex("utf8mb4_uca1400_ai_ci")}") + "\n";

        var catalog = MySqlCatalog.Parse(output);

        Assert.Equal(new DatabaseSpec("odd\tname\nhere", "utf8mb4", "utf8mb4_bin"), catalog.Databases.Single());
        Assert.Equal([new MySqlAccount("app", "%", true), new MySqlAccount("PUBLIC", "", false)], catalog.Accounts);
        Assert.Equal("a_b", catalog.Grants.Single().Database);
        Assert.True(catalog.Grants.Single().GrantOption);
        Assert.Equal(new MySqlCollation("utf8mb4", "uca1400_ai_ci", "utf8mb4_uca1400_ai_ci"), catalog.Collations.Single());
        Assert.NotNull(catalog.Account("app", "%"));
        Assert.Null(catalog.Account("APP", "%"));
        Assert.Throws<FormatException>(() => MySqlCatalog.Parse("surprise\trow\n"));
    }
}
