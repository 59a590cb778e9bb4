using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.PostgreSql;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.PostgreSql;

/// <summary>The PostgreSQL plugin against a real PostgreSQL 15 in a temporary instance directory.</summary>
public sealed class PostgreSqlPluginTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestInstance instance = null!;
    PostgreSqlDriver driver = null!;

    public Task InitializeAsync()
    {
        instance = new TestInstance("postgresql", "15", output);
        driver = new PostgreSqlDriver(instance);
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
        var plugin = (PostgreSqlPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [new DatabaseSpec("victim")], []), CancellationToken.None);

        PrepareArgs[] attacks =
        [
            new(512, 1, [new DatabaseSpec("a\"; DROP DATABASE victim; --")], []),
            new(512, 1, [new DatabaseSpec("a'; DROP DATABASE victim; --")], []),
            new(512, 1, [new DatabaseSpec("victim", "UTF8'; DROP DATABASE victim; --")], []),
            new(512, 1, [], [new UserSpec("u\" SUPERUSER; --", "pw", null, [])]),
            new(512, 1, [], [new UserSpec("pg_monitor", "pw", null, [])]),
            new(512, 1, [], [new UserSpec("postgres", "pw", null, [])]),
            new(512, 1, [], [new UserSpec("u", "pw", null, ["victim\" TO PUBLIC; DROP DATABASE victim; --"])]),
            new(512, 1, [new DatabaseSpec("template1")], []),
            new(512, 1, [], [], new Dictionary<string, string> { ["listen_addresses"] = "*" }),
            new(512, 1, [], [], new Dictionary<string, string> { ["work_mem"] = "4MB'\nlisten_addresses = '*" }),
        ];
        foreach (var attack in attacks)
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => plugin.PrepareAsync(attack, CancellationToken.None));
            Assert.StartsWith("postgresql: ", refused.Message);
        }

        const string evilPassword = "p'a\"s\\'; DROP DATABASE victim; -- :x";
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [], [new UserSpec("quoted", evilPassword, null, ["victim"])]), CancellationToken.None);

        var asQuoted = await driver.AsUserAsync("quoted", evilPassword, "victim", "SELECT current_database();");
        Assert.Equal("victim", asQuoted.EnsureSuccess("logging in with the quoted password").StandardOutput.Trim());
        var databases = (await plugin.RunSqlAsync("postgres", "SELECT datname FROM pg_database ORDER BY 1;", [], "listing", CancellationToken.None)).StandardOutput;
        Assert.Equal(["postgres", "template0", "template1", "victim"], databases.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var roles = (await plugin.RunSqlAsync("postgres", "SELECT rolname FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%' ORDER BY 1;", [], "listing", CancellationToken.None)).StandardOutput;
        Assert.Equal(["postgres", "quoted"], roles.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_user_reaches_only_the_databases_granted_and_can_create_tables_in_a_database_it_does_not_own()
    {
        var plugin = (PostgreSqlPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [new DatabaseSpec("shared"), new DatabaseSpec("private")],
        [
            new UserSpec("owner", "owner-pw", null, ["shared", "private"]),
            new UserSpec("guest", "guest-pw", null, ["shared"]),
        ]), CancellationToken.None);

        Assert.True((await driver.AsUserAsync("guest", "guest-pw", "shared", "CREATE TABLE t (id int); INSERT INTO t VALUES (1);")).Succeeded);
        var denied = await driver.AsUserAsync("guest", "guest-pw", "private", "SELECT 1;");
        Assert.False(denied.Succeeded);
        Assert.Contains("permission denied", denied.StandardError);
        var wrongPassword = await driver.AsUserAsync("guest", "not-the-password", "shared", "SELECT 1;");
        Assert.Contains("password authentication failed", wrongPassword.StandardError);
        var owners = (await plugin.RunSqlAsync("postgres",
            "SELECT datname || '=' || pg_get_userbyid(datdba) FROM pg_database WHERE datname IN ('shared', 'private') ORDER BY 1;", [], "listing", CancellationToken.None)).StandardOutput;
        Assert.Equal(["private=owner", "shared=owner"], owners.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
