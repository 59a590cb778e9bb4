using DbaaS.Contracts.Guest;
using DbaaS.Core.Access;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;
using DbaaS.Core.Instances;

namespace DbaaS.Tests.Access;

public sealed class EngineObjectRulesTests
{
    [Theory]
    [InlineData("mariadb", "app")]
    [InlineData("mysql", "my-db_1$")]
    [InlineData("postgresql", "_ledger$2")]
    public void Accepts_database_names_within_the_engines_rule(string manager, string name) =>
        EngineObjectRules.For(manager).ValidateDatabaseName(name);

    [Theory]
    [InlineData("mariadb", "a b", "is not valid for MySQL/MariaDB: use letters, digits")]
    [InlineData("mariadb", "a'; DROP DATABASE x; --", "is not valid for MySQL/MariaDB")]
    [InlineData("mariadb", "Performance_Schema", "reserved by MySQL/MariaDB")]
    [InlineData("mysql", "sys", "reserved")]
    [InlineData("postgresql", "Template0", "reserved by PostgreSQL")]
    [InlineData("postgresql", "9lives", "a letter or '_' first")]
    [InlineData("postgresql", "has-dash", "is not valid for PostgreSQL")]
    [InlineData("redis", "0", "Redis has numbered logical databases only")]
    public void Refuses_database_names_naming_the_rule(string manager, string name, string rule)
    {
        var error = Assert.Throws<BadRequestException>(() => EngineObjectRules.For(manager).ValidateDatabaseName(name));
        Assert.Contains(rule, error.Message);
    }

    [Theory]
    [InlineData("mariadb", "root", "reserved")]
    [InlineData("mariadb", "OS_ADMIN", "reserved")]
    [InlineData("mariadb", "abcdefghijklmnopqrstuvwxyz0123456", "1 to 32 characters")]
    [InlineData("postgresql", "postgres", "reserved")]
    [InlineData("postgresql", "root", "reserved")]
    [InlineData("redis", "default", "reserved by Redis")]
    [InlineData("redis", "a:b", "is not valid for Redis")]
    public void Refuses_user_names_naming_the_rule(string manager, string name, string rule)
    {
        var error = Assert.Throws<BadRequestException>(() => EngineObjectRules.For(manager).ValidateUserName(name));
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void A_MySQL_family_host_defaults_to_any_and_must_be_a_host_pattern()
    {
        var rules = EngineObjectRules.For("mariadb");
        Assert.Equal("%", rules.NormalizeHost(null));
        Assert.Equal("10.0.0.%", rules.NormalizeHost("10.0.0.%"));
        Assert.Equal("fe80::1", rules.NormalizeHost("fe80::1"));
        Assert.Contains("User host", Assert.Throws<BadRequestException>(() => rules.NormalizeHost("h'; --")).Message);
        Assert.Contains("User host", Assert.Throws<BadRequestException>(() => rules.NormalizeHost("a b")).Message);
    }

    [Theory]
    [InlineData("postgresql", "PostgreSQL")]
    [InlineData("redis", "Redis")]
    public void Engines_without_hosts_keep_none_and_refuse_one(string manager, string engine)
    {
        var rules = EngineObjectRules.For(manager);
        Assert.Null(rules.NormalizeHost(null));
        Assert.Contains($"not supported by {engine}", Assert.Throws<BadRequestException>(() => rules.NormalizeHost("%")).Message);
    }

    [Theory]
    [InlineData("", "1 to 128")]
    [InlineData("tab\there", "control characters")]
    public void Refuses_passwords_naming_the_rule(string password, string rule) =>
        Assert.Contains(rule, Assert.Throws<BadRequestException>(() => EngineObjectRules.ValidatePassword("u", password)).Message);

    [Fact]
    public void Accepts_a_password_of_128_printable_characters_quotes_and_spaces_included()
    {
        EngineObjectRules.ValidatePassword("u", "a' \"b;$(c)`" + new string('x', 117));
        Assert.Throws<BadRequestException>(() => EngineObjectRules.ValidatePassword("u", new string('x', 129)));
    }

    [Fact]
    public void A_refused_name_is_echoed_cut_short_and_without_control_characters()
    {
        var error = Assert.Throws<BadRequestException>(() => EngineObjectRules.MySqlFamily.ValidateDatabaseName("bad\nname" + new string('x', 200)));
        Assert.DoesNotContain("\n", error.Message);
        Assert.True(error.Message.Length < 250, error.Message);
    }

    [Fact]
    public void Create_time_rules_are_the_same_and_give_MySQL_family_users_host_any()
    {
        var version = new DatastoreVersion { Manager = "mariadb", Name = "10.11", Version = "10.11", DatastoreId = Guid.NewGuid() };
        var users = InitialObjectRules.Validate(version, "mariadb", [new DatabaseSpec("app")], [new UserSpec("app", "S3cret", null, ["app"])]);
        Assert.Equal("%", Assert.Single(users).Host);

        var error = Assert.Throws<BadRequestException>(() =>
            InitialObjectRules.Validate(version, "mariadb", [new DatabaseSpec("information_schema")], []));
        Assert.Contains("reserved by MySQL/MariaDB", error.Message);
    }
}
