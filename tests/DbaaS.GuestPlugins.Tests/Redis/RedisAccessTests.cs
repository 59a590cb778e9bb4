using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.Redis;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.Redis;

/// <summary>Users and root through the plugin against a real redis-server 7, each checked with redis-cli as the user over TCP.</summary>
public sealed class RedisAccessTests(ITestOutputHelper output) : IAsyncLifetime
{
    const string EvilPassword = "p'a\"s\\ \"; ACL SETUSER default off; -- \\x41 end ";
    static readonly CancellationToken None = CancellationToken.None;

    TestInstance instance = null!;
    RedisDriver driver = null!;
    RedisPlugin plugin = null!;

    public async Task InitializeAsync()
    {
        instance = new TestInstance("redis", "7.0", output);
        driver = new RedisDriver(instance);
        plugin = (RedisPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [], []), None);
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public async Task The_numbered_databases_are_listed_and_named_ones_cannot_be_made()
    {
        var expected = Enumerable.Range(0, 16).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, (await plugin.ListDatabasesAsync(None)).Databases.Select(d => d.Name));

        var create = await Assert.ThrowsAsync<NotSupportedException>(() => plugin.CreateDatabasesAsync([new DatabaseSpec("app")], None));
        Assert.StartsWith("redis: ", create.Message);
        await Assert.ThrowsAsync<NotSupportedException>(() => plugin.GrantAccessAsync(new UserRef("u", null), ["0"], None));
    }

    [Fact]
    public async Task A_user_works_in_every_database_survives_a_restart_and_follows_password_changes()
    {
        await plugin.CreateUsersAsync([new UserSpec("app", EvilPassword, null, [])], None);

        Assert.Equal("PONG", await AsUser("app", EvilPassword, "PING"));
        Assert.Equal("OK", await AsUser("app", EvilPassword, "SET", "k", "v"));
        Assert.Equal("v", await AsUser("app", EvilPassword, "GET", "k"));
        Assert.Equal("OK", await AsUser("app", EvilPassword, "-n", "15", "SET", "k15", "v15"));
        var admin = await driver.AsUserAsync("app", EvilPassword, "CONFIG", "SET", "maxmemory", "1");
        Assert.Contains("NOPERM", admin.StandardError + admin.StandardOutput);
        var users = (await plugin.ListUsersAsync(None)).Users;
        var app = Assert.Single(users);
        Assert.Equal("app", app.Name);
        Assert.Null(app.Host);
        Assert.Equal((await plugin.ListDatabasesAsync(None)).Databases.Select(d => d.Name), app.Databases);

        await plugin.RestartAsync(None);
        Assert.Equal("v", await AsUser("app", EvilPassword, "GET", "k"));
        Assert.Equal("v15", await AsUser("app", EvilPassword, "-n", "15", "GET", "k15"));

        const string newPassword = "new 'pass' \"word\" \\";
        await plugin.ChangePasswordsAsync([new UserPassword("app", null, newPassword)], None);
        Assert.Contains("WRONGPASS", (await driver.AsUserAsync("app", EvilPassword, "PING")).StandardError);
        Assert.Equal("PONG", await AsUser("app", newPassword, "PING"));
        await plugin.UpdateUserAsync(new UpdateUserArgs(new UserRef("app", null), null, null, "third"), None);
        await plugin.RestartAsync(None);
        Assert.Equal("PONG", await AsUser("app", "third", "PING"));
        Assert.Contains("WRONGPASS", (await driver.AsUserAsync("app", newPassword, "PING")).StandardError);

        await plugin.DeleteUserAsync(new UserRef("app", null), None);
        Assert.Empty((await plugin.ListUsersAsync(None)).Users);
        await plugin.RestartAsync(None);
        Assert.Contains("WRONGPASS", (await driver.AsUserAsync("app", "third", "PING")).StandardError);
        Assert.DoesNotContain(instance.Log.Lines, line => line.Contains(EvilPassword, StringComparison.Ordinal) || line.Contains(newPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(EvilPassword, await File.ReadAllTextAsync(plugin.AclFile));
    }

    [Fact]
    public async Task Missing_and_taken_users_and_reserved_names_are_refused_and_nothing_is_half_done()
    {
        await plugin.CreateUsersAsync([new UserSpec("taken", "pw", null, [])], None);

        var exists = await Assert.ThrowsAsync<EngineObjectExistsException>(() =>
            plugin.CreateUsersAsync([new UserSpec("fresh", "pw", null, []), new UserSpec("taken", "pw", null, [])], None));
        Assert.Equal("redis: user 'taken' already exists", exists.Message);
        Assert.Equal(["taken"], (await plugin.ListUsersAsync(None)).Users.Select(u => u.Name));

        var missing = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => plugin.DeleteUserAsync(new UserRef("nobody", null), None));
        Assert.Equal("redis: user 'nobody' does not exist", missing.Message);
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() =>
            plugin.ChangePasswordsAsync([new UserPassword("taken", null, "changed"), new UserPassword("nobody", null, "x")], None));
        Assert.Equal("PONG", await AsUser("taken", "pw", "PING"));

        UserRef[] refused = [new("default", null), new("root", null), new("a b", null), new("taken", "%"), new("u\nACL", null)];
        foreach (var user in refused)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => plugin.DeleteUserAsync(user, None));
            Assert.StartsWith("redis: ", error.Message);
        }
        await Assert.ThrowsAsync<ArgumentException>(() => plugin.CreateUsersAsync([new UserSpec("u", "pw\nACL SETUSER default off", null, [])], None));
        await Assert.ThrowsAsync<NotSupportedException>(() => plugin.CreateUsersAsync([new UserSpec("u", "pw", null, ["0"])], None));
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            plugin.UpdateUserAsync(new UpdateUserArgs(new UserRef("taken", null), "renamed", null, null), None));
        Assert.Equal(["taken"], (await plugin.ListUsersAsync(None)).Users.Select(u => u.Name));
        Assert.Equal(GuestServiceStatus.Running, await plugin.ProbeAsync(None));
    }

    [Fact]
    public async Task Root_enabled_can_administer_disabled_cannot_log_in_and_the_admin_keeps_working()
    {
        Assert.False(await plugin.IsRootEnabledAsync(None));
        await plugin.DisableRootAsync(None);

        var root = await plugin.EnableRootAsync(null, None);
        Assert.Equal("root", root.Name);
        Assert.True(await plugin.IsRootEnabledAsync(None));
        Assert.Equal("OK", await AsUser("root", root.Password, "CONFIG", "SET", "maxmemory-policy", "noeviction"));
        Assert.Empty((await plugin.ListUsersAsync(None)).Users);

        await plugin.EnableRootAsync(EvilPassword, None);
        await plugin.RestartAsync(None);
        Assert.True(await plugin.IsRootEnabledAsync(None));
        Assert.Contains("WRONGPASS", (await driver.AsUserAsync("root", root.Password, "PING")).StandardError);
        Assert.Equal("OK", await AsUser("root", EvilPassword, "CONFIG", "SET", "maxmemory-policy", "noeviction"));

        await plugin.DisableRootAsync(None);
        Assert.False(await plugin.IsRootEnabledAsync(None));
        Assert.Contains("WRONGPASS", (await driver.AsUserAsync("root", EvilPassword, "PING")).StandardError);
        await plugin.RestartAsync(None);
        Assert.False(await plugin.IsRootEnabledAsync(None));
        Assert.Equal(GuestServiceStatus.Running, await plugin.ProbeAsync(None));
        Assert.DoesNotContain(instance.Log.Lines, line => line.Contains(EvilPassword, StringComparison.Ordinal));
    }

    async Task<string> AsUser(string user, string password, params string[] command) =>
        (await driver.AsUserAsync(user, password, command)).EnsureSuccess($"{string.Join(' ', command)} as {user}").StandardOutput.Trim();
}
