using DbaaS.GuestAgent.Datastores.Redis;

namespace DbaaS.GuestPlugins.Tests.Redis;

/// <summary>redis.conf and the ACL file as the Redis plugin writes them, checked as text.</summary>
public sealed class RedisConfigTests
{
    [Fact]
    public void Config_persists_every_write_and_caps_memory_from_the_flavor()
    {
        var text = RedisConfig.Render(new RedisConfig.Settings(6380, "127.0.0.1", "/i/redis/redis.sock", "/i/redis/redis.pid",
            "/i/redis/redis.log", "/v/data", "/i/redis/users.acl", 1024, "/i/redis/overrides.conf"));

        Assert.Contains("port 6380\n", text);
        Assert.Contains("bind 127.0.0.1\n", text);
        Assert.Contains("dir \"/v/data\"\n", text);
        Assert.Contains("aclfile \"/i/redis/users.acl\"\n", text);
        Assert.Contains("maxmemory 768mb\n", text);
        Assert.Contains("maxmemory-policy noeviction\n", text);
        Assert.Contains("appendonly yes\n", text);
        Assert.DoesNotContain("requirepass", text);
        Assert.EndsWith("include \"/i/redis/overrides.conf\"\n", text);
    }

    [Fact]
    public void The_initial_acl_holds_the_admin_as_default_by_hash_only()
    {
        var acl = RedisConfig.RenderInitialAcl("AdminPw1");

        Assert.Equal("user default on #" + RedisConfig.PasswordHash("AdminPw1") + " ~* &* +@all\n", acl);
        Assert.DoesNotContain("AdminPw1", acl);
        Assert.Equal(64, RedisConfig.PasswordHash("x").Length);
    }

    [Theory]
    [InlineData("allkeys-lru", "\"allkeys-lru\"")]
    [InlineData("3600 1 300 100", "\"3600 1 300 100\"")]
    [InlineData("q\"uote", "\"q\\\"uote\"")]
    [InlineData(@"back\slash", "\"back\\\\slash\"")]
    public void Values_are_double_quoted_arguments(string value, string expected) =>
        Assert.Equal(expected, RedisConfig.Value(value));

    [Fact]
    public void Users_get_everything_but_administration() =>
        Assert.Equal(["reset", "on", "~*", "&*", "+@all", "-@admin"], RedisPlugin.UserRules);
}
