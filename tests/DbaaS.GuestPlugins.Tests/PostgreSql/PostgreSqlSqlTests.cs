using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.PostgreSql;

namespace DbaaS.GuestPlugins.Tests.PostgreSql;

/// <summary>The SQL and config files the PostgreSQL plugin sends and writes, checked as text.</summary>
public sealed class PostgreSqlSqlTests
{
    [Theory]
    [InlineData("appdb", "\"appdb\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("x\"; DROP DATABASE y; --", "\"x\"\"; DROP DATABASE y; --\"")]
    public void Identifiers_are_double_quoted_with_quotes_doubled(string name, string expected) =>
        Assert.Equal(expected, PostgreSqlSql.Identifier(name));

    [Theory]
    [InlineData("plain", "E'plain'")]
    [InlineData("it's", "E'it''s'")]
    [InlineData(@"back\slash", @"E'back\\slash'")]
    [InlineData(@"\'; DROP DATABASE x; --", @"E'\\''; DROP DATABASE x; --'")]
    public void Literals_are_escape_strings_with_backslash_and_quote_escaped(string value, string expected) =>
        Assert.Equal(expected, PostgreSqlSql.Literal(value));

    [Fact]
    public void Create_role_logs_in_with_a_password() =>
        Assert.Equal("CREATE ROLE \"app\" WITH LOGIN PASSWORD E'pw';", PostgreSqlSql.CreateRole("app", "pw"));

    [Fact]
    public void Create_database_has_an_owner_and_copies_template0_for_its_own_encoding()
    {
        Assert.Equal("CREATE DATABASE \"app\" OWNER \"u\";", PostgreSqlSql.CreateDatabase(new DatabaseSpec("app"), "u"));
        Assert.Equal("CREATE DATABASE \"app\" OWNER \"postgres\" ENCODING E'LATIN1' LC_COLLATE E'C' LC_CTYPE E'C' TEMPLATE template0;",
            PostgreSqlSql.CreateDatabase(new DatabaseSpec("app", "LATIN1", "C"), "postgres"));
    }

    [Fact]
    public void Config_listens_where_told_and_sizes_memory_from_the_flavor()
    {
        var text = PostgreSqlConfig.Render(new PostgreSqlConfig.Settings(5433, "10.0.0.5", "/i/postgresql", "/i/postgresql/log", 2048));

        Assert.Contains("listen_addresses = '10.0.0.5'\n", text);
        Assert.Contains("port = 5433\n", text);
        Assert.Contains("unix_socket_directories = '/i/postgresql'\n", text);
        Assert.Contains("shared_buffers = 512MB\n", text);
        Assert.Contains("effective_cache_size = 1536MB\n", text);
        Assert.Contains("password_encryption = scram-sha-256\n", text);
        Assert.EndsWith("include_if_exists = 'dbaas-overrides.conf'\n", text);
    }

    [Fact]
    public void Hba_asks_every_connection_for_a_scram_password()
    {
        var rules = PostgreSqlConfig.RenderHba().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Equal(3, rules.Count);
        Assert.All(rules, rule => Assert.EndsWith("scram-sha-256", rule));
        Assert.DoesNotContain("trust", PostgreSqlConfig.RenderHba());
    }

    [Theory]
    [InlineData("4MB", "'4MB'")]
    [InlineData("it's", "'it''s'")]
    [InlineData(@"a\b", @"'a\\b'")]
    public void Config_values_are_quoted(string value, string expected) =>
        Assert.Equal(expected, PostgreSqlConfig.Value(value));

    [Fact]
    public void Pass_file_lines_escape_colons_and_backslashes() =>
        Assert.Equal(@"*:*:*:app:p\:w\\d" + "\n", PostgreSqlConfig.PassFileLine("app", @"p:w\d"));

    [Fact]
    public void A_scram_verifier_is_computed_as_the_server_would_store_it() =>
        // Expected value computed independently (Python hashlib: PBKDF2-HMAC-SHA256, 4096 rounds, RFC 5802 keys).
        Assert.Equal("SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$zHCdol2044/ZyWzPLi7oxApCkamKw9Z+E4U/QApd/5Y=:dd5peBOitVnLNFu7VmwP+HiDaaw4OUCv396eVCWhYiE=",
            PostgreSqlPassword.ScramVerifier("pencil", Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()));

    [Fact]
    public void Printable_ascii_passwords_leave_as_a_salted_verifier_and_others_as_they_are_for_the_server_to_hash()
    {
        var first = PostgreSqlPassword.ForServer("p'a\"s w");
        Assert.StartsWith("SCRAM-SHA-256$4096:", first);
        Assert.NotEqual(first, PostgreSqlPassword.ForServer("p'a\"s w"));
        Assert.DoesNotContain("p'a", first);
        Assert.Equal("pässwörd", PostgreSqlPassword.ForServer("pässwörd"));
    }

    [Fact]
    public void Grants_on_a_database_reach_schema_public_its_tables_and_those_the_admin_makes_later()
    {
        var grant = PostgreSqlSql.GrantSchemaAccess("u\"x");

        Assert.Contains("GRANT USAGE, CREATE ON SCHEMA public TO \"u\"\"x\";", grant);
        Assert.Contains("GRANT ALL ON ALL TABLES IN SCHEMA public TO \"u\"\"x\";", grant);
        Assert.Contains("ALTER DEFAULT PRIVILEGES FOR ROLE \"postgres\" IN SCHEMA public GRANT ALL ON TABLES TO \"u\"\"x\";", grant);
        Assert.Equal(grant.Split('\n').Length, PostgreSqlSql.RevokeSchemaAccess("u\"x").Split('\n').Length);
    }
}
