using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestPlugins.Tests.Common;

public sealed class ValidationTests
{
    static readonly ConfigOverrides MySqlLike = new("mariadb", c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-',
        key => key.ToLowerInvariant().Replace('-', '_'), new HashSet<string> { "bind_address", "datadir" });

    [Theory]
    [InlineData("bind-address")]
    [InlineData("Bind_Address")]
    [InlineData("DATADIR")]
    public void An_override_of_a_key_the_agent_owns_is_refused_however_it_is_spelled(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => MySqlLike.Validate(new Dictionary<string, string> { [key] = "x" }));

        Assert.Equal($"mariadb: configuration parameter '{key}' is managed by the guest agent and cannot be overridden", error.Message);
    }

    [Theory]
    [InlineData("max_connections", "100\ninit_file = /tmp/x")]
    [InlineData("max connections", "100")]
    [InlineData("1abc", "100")]
    [InlineData("", "100")]
    public void An_override_that_would_leave_its_line_is_refused(string key, string value) =>
        Assert.Throws<ArgumentException>(() => MySqlLike.Validate(new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void Valid_overrides_come_back_in_a_stable_order()
    {
        var result = MySqlLike.Validate(new Dictionary<string, string> { ["wait_timeout"] = "60", ["max_connections"] = "200" });

        Assert.Equal(["max_connections", "wait_timeout"], result.Select(o => o.Key));
    }

    [Fact]
    public void A_refused_name_is_echoed_without_its_control_characters()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NameRules.Require("redis", "user name", "a\nb", 64, char.IsAsciiLetterOrDigit, "letters or digits"));

        Assert.Equal("redis: user name 'a?b' is not valid: use 1 to 64 characters, letters or digits", error.Message);
    }

    [Fact]
    public void A_refused_password_is_never_echoed()
    {
        var error = Assert.Throws<ArgumentException>(() => NameRules.RequirePassword("postgresql", "app", "secret\u0001"));

        Assert.DoesNotContain("secret", error.Message);
        Assert.Contains("'app'", error.Message);
    }

    [Theory]
    [InlineData("relative/data")]
    [InlineData("/var/lib/x\"y")]
    [InlineData("/var/lib/x#y")]
    [InlineData("/var/lib/x\ny")]
    public void Paths_that_would_need_their_own_quoting_rules_are_refused(string path) =>
        Assert.Throws<ArgumentException>(() => NameRules.RequireSafePath("redis", "data directory", path));

    [Fact]
    public void Admin_passwords_are_32_letters_and_digits_and_stored_0600()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dbaas-gp-secret-{Guid.NewGuid():N}");
        try
        {
            var password = AdminSecret.LoadOrCreate(path);

            Assert.Matches("^[A-Za-z0-9]{32}$", password);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(password, AdminSecret.LoadOrCreate(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
