using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.PostgreSql;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.PostgreSql;

/// <summary>
/// Databases, users and root through the plugin against a real PostgreSQL 15, each checked with psql as the user
/// over TCP. Prepared with log_statement = 'all', so the server log would show any password the agent sent in clear.
/// </summary>
public sealed class PostgreSqlAccessTests(ITestOutputHelper output) : IAsyncLifetime
{
    const string EvilPassword = "p'a\"s\\ x'; DROP ROLE postgres; -- :";
    const string UnicodePassword = "pässwörd 'ünïcode' \\ 鍵";
    static readonly CancellationToken None = CancellationToken.None;

    TestInstance instance = null!;
    PostgreSqlDriver driver = null!;
    PostgreSqlPlugin plugin = null!;

    public async Task InitializeAsync()
    {
        instance = new TestInstance("postgresql", "15", output);
        driver = new PostgreSqlDriver(instance);
        plugin = (PostgreSqlPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [], [], new Dictionary<string, string> { ["log_statement"] = "all" }), None);
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public async Task Databases_are_created_listed_and_deleted_all_or_nothing()
    {
        Assert.Empty((await plugin.ListDatabasesAsync(None)).Databases);

        await plugin.CreateDatabasesAsync([new DatabaseSpec("beta"), new DatabaseSpec("alpha")], None);
        Assert.Equal(["alpha", "beta"], await DatabaseNamesAsync());

        var taken = await Assert.ThrowsAsync<EngineObjectExistsException>(() =>
            plugin.CreateDatabasesAsync([new DatabaseSpec("gamma"), new DatabaseSpec("alpha")], None));
        Assert.Equal("postgresql: database 'alpha' already exists", taken.Message);
        Assert.Equal(["alpha", "beta"], await DatabaseNamesAsync());

        // A session on the database does not stop its deletion.
        await plugin.CreateUsersAsync([new UserSpec("holder", "holder-pw", null, ["alpha"])], None);
        var session = driver.AsUserAsync("holder", "holder-pw", "alpha", "SELECT pg_sleep(30);");
        await EngineScenarios.WaitUntilAsync(() => SessionsOn("alpha").GetAwaiter().GetResult() > 0, "a session on alpha");
        await plugin.DeleteDatabaseAsync("alpha", None);
        Assert.False((await session).Succeeded);
        Assert.Equal(["beta"], await DatabaseNamesAsync());
        Assert.Equal([], (await plugin.ListUsersAsync(None)).Users.Single(u => u.Name == "holder").Databases);

        var absent = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => plugin.DeleteDatabaseAsync("alpha", None));
        Assert.Equal("postgresql: database 'alpha' does not exist", absent.Message);
        var encoding = await Assert.ThrowsAsync<NotSupportedException>(() => plugin.CreateDatabasesAsync([new DatabaseSpec("latin", "LATIN1")], None));
        Assert.StartsWith("postgresql: ", encoding.Message);

        string[] attacks = ["a\"; DROP DATABASE beta; --", "a'; DROP DATABASE beta; --", "postgres", "template1", "", "1abc"];
        foreach (var name in attacks)
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => plugin.CreateDatabasesAsync([new DatabaseSpec(name)], None));
            Assert.StartsWith("postgresql: ", refused.Message);
            await Assert.ThrowsAsync<ArgumentException>(() => plugin.DeleteDatabaseAsync(name, None));
        }
        Assert.Equal(["beta"], await DatabaseNamesAsync());
    }

    [Fact]
    public async Task A_user_reaches_exactly_its_granted_databases_and_survives_rename_password_change_and_revoke()
    {
        await plugin.CreateDatabasesAsync([new DatabaseSpec("granted"), new DatabaseSpec("other")], None);
        await plugin.CreateUsersAsync([new UserSpec("app", EvilPassword, null, ["granted"])], None);

        Assert.Equal("row", (await driver.AsUserAsync("app", EvilPassword, "granted",
            "CREATE TABLE t (id int, v text); INSERT INTO t VALUES (1, 'row'); SELECT v FROM t;")).EnsureSuccess("writing as app").StandardOutput.Trim());
        var refused = await driver.AsUserAsync("app", EvilPassword, "other", "SELECT 1;");
        Assert.Contains("permission denied for database \"other\"", refused.StandardError);
        Assert.Equal(["app=granted"], await UsersAsync());

        await plugin.GrantAccessAsync(new UserRef("app", null), ["other"], None);
        Assert.True((await driver.AsUserAsync("app", EvilPassword, "other", "CREATE TABLE o (id int); INSERT INTO o VALUES (1);")).Succeeded);
        Assert.Equal(["granted", "other"], (await plugin.ListUsersAsync(None)).Users.Single().Databases);

        await plugin.RevokeAccessAsync(new UserRef("app", null), "other", None);
        Assert.Contains("permission denied", (await driver.AsUserAsync("app", EvilPassword, "other", "SELECT 1;")).StandardError);
        Assert.Equal(["granted"], (await plugin.ListUsersAsync(None)).Users.Single().Databases);
        var noGrant = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => plugin.RevokeAccessAsync(new UserRef("app", null), "other", None));
        Assert.Equal("postgresql: user 'app' has no access to database 'other'", noGrant.Message);

        // SCRAM verifiers do not depend on the name: the renamed user keeps its password.
        await plugin.UpdateUserAsync(new UpdateUserArgs(new UserRef("app", null), "app2", null, null), None);
        Assert.Equal("row", (await driver.AsUserAsync("app2", EvilPassword, "granted", "SELECT v FROM t;")).EnsureSuccess("reading as app2").StandardOutput.Trim());
        Assert.Contains("password authentication failed for user \"app\"", (await driver.AsUserAsync("app", EvilPassword, "granted", "SELECT 1;")).StandardError);
        Assert.Equal(["app2=granted"], await UsersAsync());

        await plugin.ChangePasswordsAsync([new UserPassword("app2", null, UnicodePassword)], None);
        Assert.Contains("password authentication failed", (await driver.AsUserAsync("app2", EvilPassword, "granted", "SELECT 1;")).StandardError);
        Assert.True((await driver.AsUserAsync("app2", UnicodePassword, "granted", "SELECT 1;")).Succeeded);

        await plugin.UpdateUserAsync(new UpdateUserArgs(new UserRef("app2", null), "app3", null, "third-pw"), None);
        Assert.True((await driver.AsUserAsync("app3", "third-pw", "granted", "SELECT v FROM t;")).Succeeded);

        // Deleting a user who made tables, while it holds a lock on one: its session ends, the tables stay, now the admin's.
        var locking = driver.AsUserAsync("app3", "third-pw", "granted", "BEGIN; LOCK TABLE t; SELECT pg_sleep(60);");
        await EngineScenarios.WaitUntilAsync(() => SessionsOn("granted").GetAwaiter().GetResult() > 0, "app3's session");
        await plugin.DeleteUserAsync(new UserRef("app3", null), None);
        Assert.Contains("terminating connection", (await locking).StandardError);
        Assert.Empty((await plugin.ListUsersAsync(None)).Users);
        Assert.Contains("password authentication failed", (await driver.AsUserAsync("app3", "third-pw", "granted", "SELECT 1;")).StandardError);
        var owner = await plugin.RunSqlAsync("granted", "SELECT tableowner FROM pg_tables WHERE tablename = 't';", [], "reading", None);
        Assert.Equal("postgres", owner.StandardOutput.Trim());
        AssertNoPasswordLogged(EvilPassword, UnicodePassword, "third-pw");
    }

    [Fact]
    public async Task Missing_and_taken_names_are_refused_and_nothing_is_half_done()
    {
        await plugin.CreateDatabasesAsync([new DatabaseSpec("db")], None);
        await plugin.CreateUsersAsync([new UserSpec("taken", "pw-1", null, [])], None);
        var user = new UserRef("nobody", null);

        var exists = await Assert.ThrowsAsync<EngineObjectExistsException>(() =>
            plugin.CreateUsersAsync([new UserSpec("fresh", "pw", null, []), new UserSpec("taken", "pw", null, [])], None));
        Assert.Equal("postgresql: user 'taken' already exists", exists.Message);
        var noDatabase = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() =>
            plugin.CreateUsersAsync([new UserSpec("fresh", "pw", null, ["db"]), new UserSpec("fresh2", "pw", null, ["absent"])], None));
        Assert.Equal("postgresql: database 'absent' does not exist", noDatabase.Message);
        Assert.Equal(["taken"], (await plugin.ListUsersAsync(None)).Users.Select(u => u.Name));

        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => plugin.DeleteUserAsync(user, None));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => plugin.GrantAccessAsync(user, ["db"], None));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => plugin.GrantAccessAsync(new UserRef("taken", null), ["db", "absent"], None));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => plugin.RevokeAccessAsync(new UserRef("taken", null), "absent", None));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() =>
            plugin.ChangePasswordsAsync([new UserPassword("taken", null, "new"), new UserPassword("nobody", null, "new")], None));
        Assert.True((await driver.AsUserAsync("taken", "pw-1", "postgres", "SELECT 1;")).Succeeded, "a refused password change changed a password");
        await plugin.CreateUsersAsync([new UserSpec("other", "pw-2", null, [])], None);
        var renameTaken = await Assert.ThrowsAsync<EngineObjectExistsException>(() =>
            plugin.UpdateUserAsync(new UpdateUserArgs(new UserRef("other", null), "taken", null, null), None));
        Assert.Equal("postgresql: user 'taken' already exists", renameTaken.Message);

        UserRef[] refusedUsers =
        [
            new("taken", "%"), new("postgres", null), new("root", null), new("pg_monitor", null), new("u\" SUPERUSER; --", null),
        ];
        foreach (var refused in refusedUsers)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => plugin.DeleteUserAsync(refused, None));
            Assert.StartsWith("postgresql: ", error.Message);
        }
        await Assert.ThrowsAsync<ArgumentException>(() => plugin.CreateUsersAsync([new UserSpec("root", "pw", null, [])], None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            plugin.UpdateUserAsync(new UpdateUserArgs(new UserRef("taken", null), "x\"; DROP ROLE postgres; --", null, null), None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            plugin.GrantAccessAsync(new UserRef("taken", null), ["db\" TO PUBLIC; --"], None));
        Assert.Equal(["other", "taken"], (await plugin.ListUsersAsync(None)).Users.Select(u => u.Name));
    }

    [Fact]
    public async Task A_user_made_at_prepare_owns_its_database_yet_can_be_revoked_and_deleted()
    {
        await plugin.PrepareAsync(driver.PrepareArgs(512), None);
        await driver.WriteRowAsUserAsync("mine");
        Assert.Equal([$"{EngineDriver.User}={EngineDriver.Database}"], await UsersAsync());

        await plugin.RevokeAccessAsync(new UserRef(EngineDriver.User, null), EngineDriver.Database, None);
        Assert.Contains("permission denied", (await driver.AsUserAsync(EngineDriver.User, EngineDriver.Password, EngineDriver.Database, "SELECT 1;")).StandardError);
        Assert.Equal([], (await plugin.ListUsersAsync(None)).Users.Single().Databases);

        await plugin.GrantAccessAsync(new UserRef(EngineDriver.User, null), [EngineDriver.Database], None);
        Assert.Equal("mine", await driver.ReadRowAsUserAsync());

        await plugin.DeleteUserAsync(new UserRef(EngineDriver.User, null), None);
        Assert.Empty((await plugin.ListUsersAsync(None)).Users);
        Assert.Equal([EngineDriver.Database], await DatabaseNamesAsync());
    }

    [Fact]
    public async Task Root_enabled_is_a_superuser_over_tcp_and_disabled_cannot_log_in_while_the_admin_keeps_working()
    {
        Assert.False(await plugin.IsRootEnabledAsync(None));
        await plugin.DisableRootAsync(None);

        var generated = await plugin.EnableRootAsync(null, None);
        Assert.Equal("root", generated.Name);
        Assert.Equal(32, generated.Password.Length);
        Assert.True(await plugin.IsRootEnabledAsync(None));
        (await driver.AsUserAsync("root", generated.Password, "postgres", "CREATE DATABASE made_by_root;")).EnsureSuccess("CREATE DATABASE as root");
        Assert.Equal(["made_by_root"], await DatabaseNamesAsync());
        Assert.Empty((await plugin.ListUsersAsync(None)).Users);

        var chosen = await plugin.EnableRootAsync(EvilPassword, None);
        Assert.Equal(EvilPassword, chosen.Password);
        Assert.Contains("password authentication failed", (await driver.AsUserAsync("root", generated.Password, "postgres", "SELECT 1;")).StandardError);
        Assert.True((await driver.AsUserAsync("root", EvilPassword, "postgres", "SELECT 1;")).Succeeded);

        await plugin.DisableRootAsync(None);
        Assert.False(await plugin.IsRootEnabledAsync(None));
        Assert.False((await driver.AsUserAsync("root", EvilPassword, "postgres", "CREATE DATABASE after_disable;")).Succeeded);
        Assert.Equal(["made_by_root"], await DatabaseNamesAsync());
        var superuser = await plugin.RunSqlAsync("postgres", "SELECT rolsuper FROM pg_roles WHERE rolname = 'root';", [], "reading", None);
        Assert.Equal("f", superuser.StandardOutput.Trim());

        await plugin.EnableRootAsync(EvilPassword, None);
        Assert.True((await driver.AsUserAsync("root", EvilPassword, "postgres", "CREATE DATABASE again_by_root;")).Succeeded);
        AssertNoPasswordLogged(EvilPassword, generated.Password);
    }

    /// <summary>"name=db1,db2" per user; every PostgreSQL user has no host.</summary>
    async Task<IReadOnlyList<string>> UsersAsync()
    {
        var users = (await plugin.ListUsersAsync(None)).Users;
        Assert.All(users, u => Assert.Null(u.Host));
        return users.Select(u => $"{u.Name}={string.Join(',', u.Databases)}").ToList();
    }

    async Task<IReadOnlyList<string>> DatabaseNamesAsync() => (await plugin.ListDatabasesAsync(None)).Databases.Select(d => d.Name).ToList();

    async Task<int> SessionsOn(string database) => int.Parse((await plugin.RunSqlAsync("postgres",
        $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}';", [], "counting sessions", None)).StandardOutput.Trim(),
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Neither the agent's log nor the server's (which logs every statement here) holds a password.</summary>
    void AssertNoPasswordLogged(params string[] passwords)
    {
        var serverLog = string.Concat(Directory.EnumerateFiles(plugin.LogDirectory).Select(File.ReadAllText));
        Assert.Contains("statement: ", serverLog);
        foreach (var password in passwords)
        {
            Assert.DoesNotContain(password, serverLog);
            Assert.DoesNotContain(instance.Log.Lines, line => line.Contains(password, StringComparison.Ordinal));
        }
        EngineScenarios.AssertNoSecretLogged(instance);
    }
}
