using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.MySqlCommon;

namespace DbaaS.GuestPlugins.Tests.MySql;

/// <summary>The SQL and option files the MySQL-family plugins send and write, checked as text.</summary>
public sealed class MySqlSqlTests
{
    [Theory]
    [InlineData("appdb", "`appdb`")]
    [InlineData("a`b", "`a``b`")]
    [InlineData("x`; DROP DATABASE y; --", "`x``; DROP DATABASE y; --`")]
    public void Identifiers_are_backticked_with_backticks_doubled(string name, string expected) =>
        Assert.Equal(expected, MySqlSql.Identifier(name));

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData("quote\"d", "'quote\\\"d'")]
    [InlineData("nul\0cr\rlf\nctrlz\u001a", @"'nul\0cr\rlf\nctrlz\Z'")]
    [InlineData(@"\'; DROP DATABASE x; --", @"'\\\'; DROP DATABASE x; --'")]
    public void Literals_escape_per_MySQL_rules(string value, string expected) =>
        Assert.Equal(expected, MySqlSql.Literal(value));

    [Fact]
    public void Grant_escapes_the_wildcards_of_a_database_pattern() =>
        Assert.Equal(@"GRANT ALL PRIVILEGES ON `my\_db`.* TO 'app'@'%';", MySqlSql.GrantAll("my_db", "app", "%"));

    [Fact]
    public void Create_user_names_the_plugin_for_MySQL_8_and_the_server_default_for_MariaDB()
    {
        Assert.Equal("CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED WITH caching_sha2_password BY 'pw';",
            MySqlSql.CreateUser(MySqlDialect.MySql, "app", "%", "pw"));
        Assert.Equal("CREATE USER IF NOT EXISTS 'app'@'10.0.0.%' IDENTIFIED BY 'pw';",
            MySqlSql.CreateUser(MySqlDialect.MariaDb, "app", "10.0.0.%", "pw"));
    }

    [Fact]
    public void Create_database_is_idempotent_and_carries_charset_and_collation() =>
        Assert.Equal("CREATE DATABASE IF NOT EXISTS `app` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;",
            MySqlSql.CreateDatabase(new DatabaseSpec("app", "utf8mb4", "utf8mb4_bin")));

    [Fact]
    public void The_init_file_secures_root_one_statement_per_line() =>
        Assert.Equal(
            """
            SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '');
            ALTER USER 'root'@'localhost' IDENTIFIED BY 'AdminPw1';
            DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';

            """.ReplaceLineEndings("\n"),
            MySqlSql.SecureAdmin(MySqlDialect.MariaDb, "AdminPw1"));

    [Fact]
    public void Server_option_file_sizes_the_buffer_pool_from_memory_and_includes_overrides_last()
    {
        var settings = new MySqlConfig.ServerSettings("/v/data", "/i/mysql/mysqld.sock", "/i/mysql/mysqld.pid", "/i/mysql/error.log",
            "/i/mysql/tmp", "/i/mysql/files", 3307, "127.0.0.1", 2048, "/i/mysql/overrides.cnf");

        var text = MySqlConfig.RenderServer(MySqlDialect.MySql, settings);

        Assert.Contains("\n[mysqld]\n", text);
        Assert.Contains("datadir = \"/v/data\"\n", text);
        Assert.Contains("port = 3307\n", text);
        Assert.Contains("bind-address = 127.0.0.1\n", text);
        Assert.Contains("innodb_buffer_pool_size = 1024M\n", text);
        Assert.Contains("tmpdir = \"/i/mysql/tmp\"\n", text);
        Assert.Contains("skip-name-resolve\n", text);
        Assert.Contains("mysqlx = OFF\n", text);
        Assert.EndsWith("!include /i/mysql/overrides.cnf\n", text);
        Assert.DoesNotContain("mysqlx", MySqlConfig.RenderServer(MySqlDialect.MariaDb, settings));
    }

    [Theory]
    [InlineData(64, 32)]
    [InlineData(512, 256)]
    [InlineData(4096, 2048)]
    public void Buffer_pool_is_half_the_memory_and_at_least_32_MB(int memoryMb, int expected) =>
        Assert.Equal(expected, MySqlConfig.BufferPoolMb(memoryMb));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("has # hash", "\"has # hash\"")]
    [InlineData("q\"uote", "\"q\\\"uote\"")]
    [InlineData(@"back\slash", "\"back\\\\slash\"")]
    public void Option_values_are_double_quoted_with_quote_and_backslash_escaped(string value, string expected) =>
        Assert.Equal(expected, MySqlConfig.Value(value));

    [Theory]
    [InlineData("mysqld  Ver 8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)", true)]
    [InlineData("/usr/sbin/mysqld  Ver 8.4.2 for Linux on x86_64 (MySQL Community Server - GPL)", true)]
    [InlineData("/usr/sbin/mysqld  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)", false)]
    [InlineData("mysqld  Ver 5.7.44 for Linux on x86_64 (MySQL Community Server (GPL))", false)]
    public void Only_a_MySQL_8_server_is_taken_for_one(string versionOutput, bool isMySql8) =>
        Assert.Equal(isMySql8, GuestAgent.Datastores.MySql.MySqlPlugin.IsMySql8(versionOutput));
}
