using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;
using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.MySqlCommon;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.MariaDb;

/// <summary>
/// Databases, users and root through <see cref="IAccessAdministration"/> against a real server of the MySQL family,
/// each effect checked with the engine's own client: as the tenant's users over TCP, or as the admin over the socket.
/// MariaDB's and MySQL's test classes run the same scenarios.
/// </summary>
public sealed class MySqlAccessScenarios(TestInstance instance, MySqlFamilyDriver driver)
{
    static readonly CancellationToken None = CancellationToken.None;

    MySqlFamilyPlugin plugin = null!;
    IAccessAdministration Access => plugin;
    string Engine => instance.Manager;

    async Task PrepareAsync(params DatabaseSpec[] databases)
    {
        plugin = (MySqlFamilyPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(new PrepareArgs(512, 1, databases, []), None);
    }

    public async Task DatabasesAreCreatedListedAndDeletedAllOrNothingAsync()
    {
        await PrepareAsync();

        await Access.CreateDatabasesAsync([new DatabaseSpec("shop"), new DatabaseSpec("Archive", "latin1", "latin1_swedish_ci")], None);
        var listed = (await Access.ListDatabasesAsync(None)).Databases;
        Assert.Equal(["Archive", "shop"], listed.Select(d => d.Name));
        Assert.Equal(("latin1", "latin1_swedish_ci"), (listed[0].CharacterSet, listed[0].Collate));
        Assert.Equal("utf8mb4", listed[1].CharacterSet);
        Assert.Equal(["Archive", "shop"], await ShowTenantDatabasesAsAdminAsync());

        var taken = await Assert.ThrowsAsync<EngineObjectExistsException>(() =>
            Access.CreateDatabasesAsync([new DatabaseSpec("fresh"), new DatabaseSpec("shop")], None));
        Assert.Equal($"{Engine}: database 'shop' already exists", taken.Message);
        var unknownCharset = await Assert.ThrowsAsync<ArgumentException>(() =>
            Access.CreateDatabasesAsync([new DatabaseSpec("fresh"), new DatabaseSpec("odd", "nosuchset")], None));
        Assert.StartsWith($"{Engine}: character set 'nosuchset'", unknownCharset.Message);
        var mismatched = await Assert.ThrowsAsync<ArgumentException>(() =>
            Access.CreateDatabasesAsync([new DatabaseSpec("fresh"), new DatabaseSpec("odd", "latin1", "utf8mb4_bin")], None));
        Assert.Contains("is not one of character set 'latin1'", mismatched.Message);
        Assert.Equal(["Archive", "shop"], await ShowTenantDatabasesAsAdminAsync());

        await Access.DeleteDatabaseAsync("shop", None);
        Assert.Equal(["Archive"], await ShowTenantDatabasesAsAdminAsync());
        var absent = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => Access.DeleteDatabaseAsync("shop", None));
        Assert.Equal($"{Engine}: database 'shop' does not exist", absent.Message);
        foreach (var system in new[] { "mysql", "information_schema", "performance_schema", "sys" })
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => Access.DeleteDatabaseAsync(system, None));
            Assert.StartsWith($"{Engine}: database name '{system}' is reserved", refused.Message);
        }
        Assert.Contains("mysql", (await plugin.RunSqlAsync("SHOW DATABASES;", [], "listing", None)).StandardOutput.Split('\n'));
    }

    public async Task UsersSeeExactlyTheirDatabasesAndAreCreatedAllOrNothingAsync()
    {
        await PrepareAsync(new DatabaseSpec("alpha"), new DatabaseSpec("beta"), new DatabaseSpec("gamma"));

        await Access.CreateUsersAsync([new UserSpec("ann", "ann-pw-1", null, ["beta", "alpha"]), new UserSpec("bob", "bob-pw-1", "127.0.0.1", [])], None);

        Assert.Equal(["alpha", "beta"], await DatabasesSeenByAsync("ann", "ann-pw-1"));
        Assert.Empty(await DatabasesSeenByAsync("bob", "bob-pw-1"));
        var users = (await Access.ListUsersAsync(None)).Users;
        Assert.Equal(["ann@%:alpha,beta", "bob@127.0.0.1:"], users.Select(u => $"{u.Name}@{u.Host}:{string.Join(',', u.Databases)}"));

        var taken = await Assert.ThrowsAsync<EngineObjectExistsException>(() =>
            Access.CreateUsersAsync([new UserSpec("carl", "carl-pw", null, []), new UserSpec("ann", "other", "%", [])], None));
        Assert.Equal($"{Engine}: user 'ann'@'%' already exists", taken.Message);
        var noDatabase = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() =>
            Access.CreateUsersAsync([new UserSpec("carl", "carl-pw", null, ["alpha", "nowhere"])], None));
        Assert.Equal($"{Engine}: database 'nowhere' does not exist", noDatabase.Message);
        Assert.Equal(["ann", "bob"], (await Access.ListUsersAsync(None)).Users.Select(u => u.Name));
        Assert.False((await driver.AsUserAsync("carl", "carl-pw", null, "SELECT 1;")).Succeeded);
        Assert.Equal(["alpha", "beta"], await DatabasesSeenByAsync("ann", "ann-pw-1"));

        await Access.DeleteUserAsync(new UserRef("ann", null), None);
        Assert.False((await driver.AsUserAsync("ann", "ann-pw-1", null, "SELECT 1;")).Succeeded);
        var gone = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => Access.DeleteUserAsync(new UserRef("ann", "%"), None));
        Assert.Equal($"{Engine}: user 'ann'@'%' does not exist", gone.Message);
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => Access.DeleteUserAsync(new UserRef("bob", "%"), None));
        Assert.Equal(["bob"], (await Access.ListUsersAsync(None)).Users.Select(u => u.Name));
    }

    public async Task GrantsAreExactAndRevokedGrantsAreGoneAsync()
    {
        await PrepareAsync(new DatabaseSpec("a_b"), new DatabaseSpec("axb"), new DatabaseSpec("other"));
        await Access.CreateUsersAsync([new UserSpec("dana", "dana-pw", null, [])], None);

        await Access.GrantAccessAsync(new UserRef("dana", null), ["a_b", "other"], None);
        Assert.Equal(["a_b", "other"], await DatabasesSeenByAsync("dana", "dana-pw"));
        Assert.False((await driver.AsUserAsync("dana", "dana-pw", "axb", "SELECT 1;")).Succeeded);
        Assert.Equal(["a_b", "other"], (await Access.ListUsersAsync(None)).Users.Single().Databases);

        await Access.RevokeAccessAsync(new UserRef("dana", "%"), "a_b", None);
        Assert.Equal(["other"], await DatabasesSeenByAsync("dana", "dana-pw"));
        Assert.False((await driver.AsUserAsync("dana", "dana-pw", "a_b", "SELECT 1;")).Succeeded);
        Assert.Equal(["other"], (await Access.ListUsersAsync(None)).Users.Single().Databases);

        var noGrant = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => Access.RevokeAccessAsync(new UserRef("dana", null), "a_b", None));
        Assert.Equal($"{Engine}: user 'dana'@'%' has no access to database 'a_b'", noGrant.Message);
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => Access.RevokeAccessAsync(new UserRef("dana", null), "nowhere", None));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => Access.RevokeAccessAsync(new UserRef("nobody", null), "other", None));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => Access.GrantAccessAsync(new UserRef("nobody", null), ["other"], None));
        var noDatabase = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() =>
            Access.GrantAccessAsync(new UserRef("dana", null), ["axb", "nowhere"], None));
        Assert.Equal($"{Engine}: database 'nowhere' does not exist", noDatabase.Message);
        Assert.Equal(["other"], await DatabasesSeenByAsync("dana", "dana-pw"));

        // A dropped database takes its grants along: one created later under that name is not open to dana.
        await Access.DeleteDatabaseAsync("other", None);
        Assert.Empty((await Access.ListUsersAsync(None)).Users.Single().Databases);
        await Access.CreateDatabasesAsync([new DatabaseSpec("other")], None);
        Assert.Empty(await DatabasesSeenByAsync("dana", "dana-pw"));
    }

    public async Task RenamedUsersKeepTheirGrantsAndPasswordsChangeAllOrNothingAsync()
    {
        await PrepareAsync(new DatabaseSpec("ledger"));
        await Access.CreateUsersAsync([new UserSpec("erin", "erin-pw-1", null, ["ledger"]), new UserSpec("fay", "fay-pw-1", null, [])], None);

        await Access.UpdateUserAsync(new UpdateUserArgs(new UserRef("erin", null), "erika", "127.0.0.1", "erika-pw-2"), None);
        Assert.Equal(["ledger"], await DatabasesSeenByAsync("erika", "erika-pw-2"));
        Assert.False((await driver.AsUserAsync("erin", "erin-pw-1", null, "SELECT 1;")).Succeeded);
        Assert.False((await driver.AsUserAsync("erika", "erin-pw-1", null, "SELECT 1;")).Succeeded);
        Assert.Contains((await Access.ListUsersAsync(None)).Users, u => u is { Name: "erika", Host: "127.0.0.1" } && u.Databases.SequenceEqual(["ledger"]));

        var taken = await Assert.ThrowsAsync<EngineObjectExistsException>(() =>
            Access.UpdateUserAsync(new UpdateUserArgs(new UserRef("fay", null), "erika", "127.0.0.1", null), None));
        Assert.Equal($"{Engine}: user 'erika'@'127.0.0.1' already exists", taken.Message);
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() =>
            Access.UpdateUserAsync(new UpdateUserArgs(new UserRef("erin", null), "someone", null, null), None));

        await Access.ChangePasswordsAsync([new UserPassword("fay", null, "fay-pw-2"), new UserPassword("erika", "127.0.0.1", "erika-pw-3")], None);
        Assert.True((await driver.AsUserAsync("fay", "fay-pw-2", null, "SELECT 1;")).Succeeded);
        Assert.False((await driver.AsUserAsync("fay", "fay-pw-1", null, "SELECT 1;")).Succeeded);
        Assert.Equal(["ledger"], await DatabasesSeenByAsync("erika", "erika-pw-3"));

        var absent = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() =>
            Access.ChangePasswordsAsync([new UserPassword("fay", null, "fay-pw-3"), new UserPassword("erika", "%", "x-pw")], None));
        Assert.Equal($"{Engine}: user 'erika'@'%' does not exist", absent.Message);
        Assert.True((await driver.AsUserAsync("fay", "fay-pw-2", null, "SELECT 1;")).Succeeded);
    }

    public async Task RootIsEnabledOverTcpDisabledAgainAndTheAdminKeepsWorkingAsync()
    {
        await PrepareAsync();
        Assert.False(await Access.IsRootEnabledAsync(None));

        var generated = await Access.EnableRootAsync(null, None);
        Assert.Equal("root", generated.Name);
        Assert.True(generated.Password.Length >= 20);
        Assert.True(await Access.IsRootEnabledAsync(None));
        (await driver.AsUserAsync("root", generated.Password, null, "CREATE DATABASE made_by_root;")).EnsureSuccess("creating a database as root");
        Assert.Contains("made_by_root", (await Access.ListDatabasesAsync(None)).Databases.Select(d => d.Name));
        Assert.Empty((await Access.ListUsersAsync(None)).Users);

        var chosen = await Access.EnableRootAsync("Root-Chosen-9", None);
        Assert.Equal("Root-Chosen-9", chosen.Password);
        Assert.True((await driver.AsUserAsync("root", "Root-Chosen-9", null, "SELECT 1;")).Succeeded);
        Assert.False((await driver.AsUserAsync("root", generated.Password, null, "SELECT 1;")).Succeeded);

        await Access.DisableRootAsync(None);
        Assert.False(await Access.IsRootEnabledAsync(None));
        Assert.False((await driver.AsUserAsync("root", "Root-Chosen-9", null, "SELECT 1;")).Succeeded);
        await Access.DisableRootAsync(None);
        Assert.Equal("1", (await plugin.RunSqlAsync("SELECT 1;", [], "checking the admin", None)).StandardOutput.Trim());
        Assert.Equal(GuestServiceStatus.Running, await plugin.ProbeAsync(None));

        var again = await Access.EnableRootAsync(null, None);
        (await driver.AsUserAsync("root", again.Password, null, "DROP DATABASE made_by_root;")).EnsureSuccess("root, enabled again");
    }

    public async Task UserMethodsRefuseRootAndTheEnginesAccountsAsync()
    {
        await PrepareAsync(new DatabaseSpec("data"));
        await Access.EnableRootAsync("Root-Pw-1", None);

        string[] reserved = ["root", "ROOT", "mysql", "debian-sys-maint", "mariadb.sys", "mysql.sys", "mysql.session", "mysql.infoschema"];
        foreach (var name in reserved)
        {
            var attempts = new Func<Task>[]
            {
                () => Access.CreateUsersAsync([new UserSpec(name, "pw-1", null, [])], None),
                () => Access.DeleteUserAsync(new UserRef(name, "%"), None),
                () => Access.DeleteUserAsync(new UserRef(name, "localhost"), None),
                () => Access.ChangePasswordsAsync([new UserPassword(name, "localhost", "pw-2")], None),
                () => Access.UpdateUserAsync(new UpdateUserArgs(new UserRef(name, "%"), "taken-over", null, null), None),
                () => Access.GrantAccessAsync(new UserRef(name, "%"), ["data"], None),
                () => Access.RevokeAccessAsync(new UserRef(name, "%"), "data", None),
            };
            foreach (var attempt in attempts)
            {
                var refused = await Assert.ThrowsAsync<ArgumentException>(attempt);
                Assert.StartsWith($"{Engine}: user name '{name}' is reserved", refused.Message);
            }
        }
        await Access.CreateUsersAsync([new UserSpec("gus", "gus-pw", null, [])], None);
        var renameToRoot = await Assert.ThrowsAsync<ArgumentException>(() =>
            Access.UpdateUserAsync(new UpdateUserArgs(new UserRef("gus", null), "root", "localhost", null), None));
        Assert.StartsWith($"{Engine}: user name 'root' is reserved", renameToRoot.Message);

        Assert.True((await driver.AsUserAsync("root", "Root-Pw-1", null, "SELECT 1;")).Succeeded);
        Assert.Equal("1", (await plugin.RunSqlAsync("SELECT 1;", [], "checking the admin", None)).StandardOutput.Trim());
        Assert.Equal(["gus"], (await Access.ListUsersAsync(None)).Users.Select(u => u.Name));
    }

    public async Task NamesBuiltToInjectSqlAreRefusedAndPasswordsAreTakenLiterallyAsync()
    {
        await PrepareAsync(new DatabaseSpec("victim"));
        await Access.CreateUsersAsync([new UserSpec("plain", "plain-pw", null, ["victim"])], None);
        string[] evilNames = ["a'; DROP DATABASE victim; --", "a`; DROP DATABASE victim; -- ", "x\\'", "a\"b", "v%", "a b", "a\nb", ""];

        var attempts = new List<Func<Task>>();
        foreach (var evil in evilNames)
        {
            attempts.Add(() => Access.CreateDatabasesAsync([new DatabaseSpec(evil)], None));
            attempts.Add(() => Access.DeleteDatabaseAsync(evil, None));
            attempts.Add(() => Access.CreateUsersAsync([new UserSpec(evil, "pw", null, [])], None));
            attempts.Add(() => Access.CreateUsersAsync([new UserSpec("u", "pw", null, [evil])], None));
            attempts.Add(() => Access.DeleteUserAsync(new UserRef(evil, null), None));
            attempts.Add(() => Access.UpdateUserAsync(new UpdateUserArgs(new UserRef("plain", null), evil, null, null), None));
            attempts.Add(() => Access.GrantAccessAsync(new UserRef("plain", null), [evil], None));
            attempts.Add(() => Access.RevokeAccessAsync(new UserRef("plain", null), evil, None));
        }
        attempts.Add(() => Access.CreateUsersAsync([new UserSpec("u", "pw", "%'; DROP DATABASE victim; --", [])], None));
        attempts.Add(() => Access.UpdateUserAsync(new UpdateUserArgs(new UserRef("plain", null), null, "%' OR '1", null), None));
        attempts.Add(() => Access.CreateDatabasesAsync([new DatabaseSpec("ok", "utf8mb4; DROP DATABASE victim")], None));
        attempts.Add(() => Access.CreateDatabasesAsync([new DatabaseSpec("ok", null, "utf8mb4_bin; DROP DATABASE victim")], None));
        attempts.Add(() => Access.CreateUsersAsync([new UserSpec("u", "line\nbreak", null, [])], None));
        foreach (var attempt in attempts)
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(attempt);
            Assert.StartsWith($"{Engine}: ", refused.Message);
        }
        Assert.Equal(["victim"], await ShowTenantDatabasesAsAdminAsync());
        Assert.Equal(["plain"], (await Access.ListUsersAsync(None)).Users.Select(u => u.Name));

        const string evilPassword = "p'a\"s\\`; DROP DATABASE victim; -- #x\\'";
        await Access.CreateUsersAsync([new UserSpec("quoted", evilPassword, null, ["victim"])], None);
        Assert.Equal(["victim"], await DatabasesSeenByAsync("quoted", evilPassword));
        const string evilerPassword = "'); DROP USER plain; SELECT ('\\\\;\"";
        await Access.ChangePasswordsAsync([new UserPassword("quoted", null, evilerPassword)], None);
        Assert.Equal(["victim"], await DatabasesSeenByAsync("quoted", evilerPassword));
        Assert.False((await driver.AsUserAsync("quoted", evilPassword, null, "SELECT 1;")).Succeeded);
        var root = await Access.EnableRootAsync(evilPassword, None);
        Assert.True((await driver.AsUserAsync("root", root.Password, null, "SELECT 1;")).Succeeded);

        Assert.Equal(["victim"], await ShowTenantDatabasesAsAdminAsync());
        Assert.Equal(["plain", "quoted"], (await Access.ListUsersAsync(None)).Users.Select(u => u.Name));
    }

    /// <summary>The engine echoes a failing statement in its error; the password in it, plain or quoted, is redacted.</summary>
    public async Task PasswordsDoNotShowInTheEnginesErrorsAsync()
    {
        await PrepareAsync();
        const string password = "Sec'ret\\Value-42";

        var failed = await Assert.ThrowsAsync<EngineException>(() => plugin.RunSqlAsync(
            $"SELEC {MySqlSql.Literal(password)};", MySqlSql.SecretForms([password]), "a statement with a typo", None));

        Assert.Contains("***", failed.Message);
        Assert.DoesNotContain("Sec", failed.Message);
        Assert.DoesNotContain("Value-42", failed.Message);
    }

    /// <summary>SHOW DATABASES as the user over TCP, information_schema left out.</summary>
    async Task<IReadOnlyList<string>> DatabasesSeenByAsync(string user, string password) =>
        Lines((await driver.AsUserAsync(user, password, null, "SHOW DATABASES;")).EnsureSuccess($"SHOW DATABASES as {user}").StandardOutput)
            .Where(d => d != "information_schema").ToList();

    async Task<IReadOnlyList<string>> ShowTenantDatabasesAsAdminAsync() =>
        Lines((await plugin.RunSqlAsync("SHOW DATABASES;", [], "listing", None)).StandardOutput)
            .Where(d => d is not ("mysql" or "information_schema" or "performance_schema" or "sys")).Order(StringComparer.Ordinal).ToList();

    static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
