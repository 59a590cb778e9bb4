using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.MySqlCommon;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.MariaDb;

/// <summary>The MariaDB plugin against a real mariadbd 10.11 in a temporary instance directory.</summary>
public sealed class MariaDbPluginTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestInstance instance = null!;
    MySqlFamilyDriver driver = null!;

    public Task InitializeAsync()
    {
        instance = new TestInstance("mariadb", "10.11", output);
        driver = new MySqlFamilyDriver(instance, "mariadb", "10.11.");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public Task Lifecycle_keeps_the_users_row_through_restart_stop_crash_flavor_change_and_second_prepare() =>
        EngineScenarios.LifecycleKeepsTheUsersRowAsync(driver, output);

    [Fact]
    public Task A_new_plugin_object_adopts_the_running_engine_instead_of_starting_another() =>
        EngineScenarios.NewPluginAdoptsTheRunningEngineAsync(driver);

    [Fact]
    public async Task Names_built_to_inject_sql_are_refused_and_a_password_full_of_quotes_is_quoted()
    {
        var plugin = (MySqlFamilyPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [new DatabaseSpec("victim")], []), CancellationToken.None);

        PrepareArgs[] attacks =
        [
            new(512, 1, [new DatabaseSpec("a'; DROP DATABASE victim; --")], []),
            new(512, 1, [new DatabaseSpec("a`; DROP DATABASE victim; -- ")], []),
            new(512, 1, [new DatabaseSpec("a\"b")], []),
            new(512, 1, [new DatabaseSpec("victim", "utf8mb4; DROP DATABASE victim")], []),
            new(512, 1, [], [new UserSpec("u'@'%'; DROP DATABASE victim; --", "pw", null, [])]),
            new(512, 1, [], [new UserSpec("u", "pw", "%'; DROP DATABASE victim; --", [])]),
            new(512, 1, [], [new UserSpec("u", "pw", null, ["victim`.* TO x; DROP DATABASE victim; --"])]),
            new(512, 1, [], [new UserSpec("root", "pw", null, [])]),
            new(512, 1, [new DatabaseSpec("mysql")], []),
            new(512, 1, [], [], new Dictionary<string, string> { ["bind-address"] = "0.0.0.0" }),
            new(512, 1, [], [], new Dictionary<string, string> { ["max_connections"] = "10\ninit-file=/tmp/x" }),
        ];
        foreach (var attack in attacks)
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => plugin.PrepareAsync(attack, CancellationToken.None));
            Assert.StartsWith("mariadb: ", refused.Message);
        }

        const string evilPassword = "p'a\"s\\`; DROP DATABASE victim; -- #x";
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [], [new UserSpec("quoted", evilPassword, null, ["victim"])]), CancellationToken.None);

        var asQuoted = await driver.AsUserAsync("quoted", evilPassword, "victim", "SELECT DATABASE();");
        Assert.Equal("victim", asQuoted.EnsureSuccess("logging in with the quoted password").StandardOutput.Trim());
        var databases = (await plugin.RunSqlAsync("SHOW DATABASES;", [], "listing", CancellationToken.None)).StandardOutput;
        Assert.Contains("victim", databases.Split('\n'));
        var users = (await plugin.RunSqlAsync("SELECT CONCAT(User, '@', Host) FROM mysql.user ORDER BY 1;", [], "listing", CancellationToken.None)).StandardOutput;
        Assert.Equal(["mariadb.sys@localhost", "quoted@%", "root@localhost"], users.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_grant_on_a_database_with_an_underscore_does_not_reach_a_lookalike()
    {
        var plugin = (MySqlFamilyPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [new DatabaseSpec("a_b"), new DatabaseSpec("axb")],
            [new UserSpec("narrow", "narrow-pw", null, ["a_b"])]), CancellationToken.None);

        Assert.True((await driver.AsUserAsync("narrow", "narrow-pw", "a_b", "SELECT 1;")).Succeeded);
        var lookalike = await driver.AsUserAsync("narrow", "narrow-pw", "axb", "SELECT 1;");
        Assert.False(lookalike.Succeeded);
        Assert.Contains("denied", lookalike.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Admin_is_root_over_the_socket_only_and_no_passwordless_root_is_left()
    {
        var plugin = (MySqlFamilyPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(driver.PrepareArgs(512), CancellationToken.None);

        var roots = (await plugin.RunSqlAsync("SELECT Host FROM mysql.user WHERE User = 'root';", [], "listing", CancellationToken.None)).StandardOutput;
        Assert.Equal(["localhost"], roots.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var overTcp = await driver.AsUserAsync("root", "", null, "SELECT 1;");
        Assert.False(overTcp.Succeeded);
        Assert.Equal(PrivateFilesMode, File.GetUnixFileMode(plugin.Files.AdminPasswordFile));
        Assert.Equal(PrivateFilesMode, File.GetUnixFileMode(plugin.AdminOptionFile));
    }

    const UnixFileMode PrivateFilesMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
}
