using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestAgent.Datastores.PostgreSql;

/// <summary>
/// Databases, users and root in PostgreSQL. A user is a LOGIN role (no host); its databases are those it holds
/// CONNECT on (PUBLIC's is revoked on every tenant database), and inside each it may use and create in schema
/// public. Root is the role "root" with SUPERUSER LOGIN; disabled, it keeps its objects but neither logs in nor is
/// superuser. Every check runs before any change, so a refused call changes nothing; the agent runs one call at a time.
/// </summary>
public sealed partial class PostgreSqlPlugin : IAccessAdministration
{
    const string AdminDatabase = "postgres";

    public async Task<DatabaseList> ListDatabasesAsync(CancellationToken cancellationToken)
    {
        var names = await QueryJsonAsync(PostgreSqlSql.ListDatabases, "listing databases", cancellationToken);
        return new DatabaseList(names.EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal)
            .Select(n => new DatabaseSpec(n)).ToList());
    }

    public async Task CreateDatabasesAsync(IReadOnlyList<DatabaseSpec> databases, CancellationToken cancellationToken)
    {
        foreach (var database in databases)
        {
            RequireDatabaseName(database.Name);
            if (database.CharacterSet is not null || database.Collate is not null)
                throw new NotSupportedException($"{Engine}: databases are created UTF-8 with the instance's collation; character_set and collate are not supported");
        }
        var names = RequireDistinct(databases.Select(d => d.Name), "database");
        var taken = await ExistingAsync(PostgreSqlSql.ExistingDatabases(names), cancellationToken);
        if (taken.Count > 0) throw new EngineObjectExistsException($"{Engine}: database '{taken[0]}' already exists");
        try
        {
            foreach (var name in names)
                await RunSqlAsync(AdminDatabase, PostgreSqlSql.CreateDatabase(new DatabaseSpec(name), PostgreSqlSql.AdminRole) + "\n" +
                    PostgreSqlSql.RevokeFromPublic(name), [], $"creating database '{name}'", cancellationToken);
        }
        catch (EngineException)
        {
            // All or nothing: none of these existed before, so whatever of them exists now is ours to remove.
            await TryRunSqlAsync(AdminDatabase, string.Join('\n', names.Select(PostgreSqlSql.DropDatabaseIfExists)), cancellationToken);
            throw;
        }
    }

    public async Task DeleteDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        RequireDatabaseName(name);
        await RequireDatabasesAsync([name], cancellationToken);
        // WITH (FORCE) ends the sessions on it first, which DROP DATABASE would otherwise fail on.
        await RunSqlAsync(AdminDatabase, PostgreSqlSql.DropDatabase(name), [], $"dropping database '{name}'", cancellationToken);
    }

    public async Task<UserList> ListUsersAsync(CancellationToken cancellationToken)
    {
        var users = await QueryJsonAsync(PostgreSqlSql.ListUsers, "listing users", cancellationToken);
        return new UserList(users.EnumerateArray()
            .Select(u => new UserInfo(u.GetProperty("name").GetString()!, null,
                u.GetProperty("databases").EnumerateArray().Select(d => d.GetString()!).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(u => u.Name, StringComparer.Ordinal).ToList());
    }

    public async Task CreateUsersAsync(IReadOnlyList<UserSpec> users, CancellationToken cancellationToken)
    {
        foreach (var user in users)
        {
            RequireNoHost(user.Name, user.Host);
            RequireUserName(user.Name);
            NameRules.RequirePassword(Engine, user.Name, user.Password);
            foreach (var database in user.Databases ?? []) RequireDatabaseName(database);
        }
        var names = RequireDistinct(users.Select(u => u.Name), "user");
        var taken = await ExistingAsync(PostgreSqlSql.ExistingRoles(names), cancellationToken);
        if (taken.Count > 0) throw new EngineObjectExistsException($"{Engine}: user '{taken[0]}' already exists");
        var grants = users.SelectMany(u => (u.Databases ?? []).Distinct(StringComparer.Ordinal).Select(database => (database, user: u.Name))).ToList();
        await RequireDatabasesAsync(grants.Select(g => g.database), cancellationToken);

        // Roles and their CONNECT in one transaction; schema grants need a session in each database.
        var statements = users.Select(u => PostgreSqlSql.CreateRole(u.Name, PostgreSqlPassword.ForServer(u.Password)))
            .Concat(grants.Select(g => PostgreSqlSql.GrantDatabase(g.database, g.user)));
        await RunSqlAsync(AdminDatabase, Transaction(statements, quiet: true), users.Select(u => u.Password).ToList(), "creating users", cancellationToken);
        try
        {
            foreach (var database in grants.GroupBy(g => g.database))
                await GrantSchemaAccessAsync(database.Key, database.Select(g => g.user), cancellationToken);
        }
        catch (EngineException)
        {
            foreach (var name in names) await TryDropRoleAsync(name, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// What the user owns passes to the admin (tables it made stay in their database), its privileges go, its
    /// sessions end, then the role. DROP ROLE alone fails while any of that remains.
    /// </summary>
    public async Task DeleteUserAsync(UserRef user, CancellationToken cancellationToken)
    {
        RequireUser(user);
        await RequireUsersAsync([user.Name], cancellationToken);
        await DropRoleAsync(user.Name, cancellationToken);
    }

    public async Task ChangePasswordsAsync(IReadOnlyList<UserPassword> users, CancellationToken cancellationToken)
    {
        foreach (var user in users)
        {
            RequireUser(new UserRef(user.Name, user.Host));
            NameRules.RequirePassword(Engine, user.Name, user.Password);
        }
        await RequireUsersAsync(RequireDistinct(users.Select(u => u.Name), "user"), cancellationToken);
        await RunSqlAsync(AdminDatabase, Transaction(users.Select(u => PostgreSqlSql.AlterPassword(u.Name, PostgreSqlPassword.ForServer(u.Password))), quiet: true),
            users.Select(u => u.Password).ToList(), "changing passwords", cancellationToken);
    }

    /// <summary>
    /// ALTER ROLE … RENAME keeps a SCRAM verifier (it clears only MD5 ones, which are salted with the name); a new
    /// password, when given, is set in the same transaction.
    /// </summary>
    public async Task UpdateUserAsync(UpdateUserArgs update, CancellationToken cancellationToken)
    {
        RequireUser(update.User);
        if (update.NewHost is not null) RequireNoHost(update.User.Name, update.NewHost);
        var name = update.User.Name;
        var newName = update.NewName is { } renamed && renamed != name ? RequireUserNameAndReturn(renamed) : null;
        if (update.NewPassword is not null) NameRules.RequirePassword(Engine, name, update.NewPassword);
        await RequireUsersAsync([name], cancellationToken);
        if (newName is not null && (await ExistingAsync(PostgreSqlSql.ExistingRoles([newName]), cancellationToken)).Count > 0)
            throw new EngineObjectExistsException($"{Engine}: user '{newName}' already exists");

        var statements = new List<string>();
        if (newName is not null) statements.Add(PostgreSqlSql.RenameRole(name, newName));
        if (update.NewPassword is { } password) statements.Add(PostgreSqlSql.AlterPassword(newName ?? name, PostgreSqlPassword.ForServer(password)));
        if (statements.Count == 0) return;
        await RunSqlAsync(AdminDatabase, Transaction(statements, quiet: update.NewPassword is not null),
            update.NewPassword is { } secret ? [secret] : [], $"updating user '{name}'", cancellationToken);
    }

    public async Task GrantAccessAsync(UserRef user, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        RequireUser(user);
        foreach (var database in databases) RequireDatabaseName(database);
        var distinct = databases.Distinct(StringComparer.Ordinal).ToList();
        await RequireUsersAsync([user.Name], cancellationToken);
        await RequireDatabasesAsync(distinct, cancellationToken);
        await RunSqlAsync(AdminDatabase, string.Join('\n', distinct.Select(d => PostgreSqlSql.GrantDatabase(d, user.Name))), [],
            $"granting databases to '{user.Name}'", cancellationToken);
        foreach (var database in distinct) await GrantSchemaAccessAsync(database, [user.Name], cancellationToken);
    }

    public async Task RevokeAccessAsync(UserRef user, string database, CancellationToken cancellationToken)
    {
        RequireUser(user);
        RequireDatabaseName(database);
        await RequireUsersAsync([user.Name], cancellationToken);
        var access = Lines((await RunSqlAsync(AdminDatabase, PostgreSqlSql.AccessOf(user.Name, database), [], "reading grants", cancellationToken)).StandardOutput)
            .SingleOrDefault() ?? throw new EngineObjectNotFoundException($"{Engine}: database '{database}' does not exist");
        var (connect, owner) = (access.StartsWith("1|", StringComparison.Ordinal), access.EndsWith("|1", StringComparison.Ordinal));
        if (!connect) throw new EngineObjectNotFoundException($"{Engine}: user '{user.Name}' has no access to database '{database}'");

        await RunSqlAsync(database, PostgreSqlSql.RevokeSchemaAccess(user.Name), [], $"revoking schema public of '{database}'", cancellationToken);
        var statements = new List<string>();
        if (owner) statements.Add(PostgreSqlSql.GiveDatabaseToAdmin(database));
        statements.Add(PostgreSqlSql.RevokeDatabase(database, user.Name));
        statements.Add(PostgreSqlSql.TerminateSessions(user.Name, database));
        await RunSqlAsync(AdminDatabase, string.Join('\n', statements), [], $"revoking database '{database}'", cancellationToken);
    }

    public async Task<RootCredentials> EnableRootAsync(string? password, CancellationToken cancellationToken)
    {
        var secret = password ?? AdminSecret.Generate();
        NameRules.RequirePassword(Engine, PostgreSqlSql.RootRole, secret);
        var exists = await RootLoginAsync(cancellationToken) is not null;
        var verifier = PostgreSqlPassword.ForServer(secret);
        await RunSqlAsync(AdminDatabase, PostgreSqlSql.QuietSession + "\n" + (exists ? PostgreSqlSql.EnableRoot(verifier) : PostgreSqlSql.CreateRoot(verifier)),
            [secret], "enabling root", cancellationToken);
        return new RootCredentials(PostgreSqlSql.RootRole, secret);
    }

    public async Task DisableRootAsync(CancellationToken cancellationToken)
    {
        if (await RootLoginAsync(cancellationToken) is null) return;
        await RunSqlAsync(AdminDatabase, PostgreSqlSql.DisableRoot + "\n" + PostgreSqlSql.TerminateSessions(PostgreSqlSql.RootRole), [],
            "disabling root", cancellationToken);
    }

    public async Task<bool> IsRootEnabledAsync(CancellationToken cancellationToken) => await RootLoginAsync(cancellationToken) == true;

    // ---- helpers ----------------------------------------------------------------------------------------------

    /// <summary>True: root may log in; false: it exists disabled; null: it was never enabled.</summary>
    async Task<bool?> RootLoginAsync(CancellationToken cancellationToken) =>
        Lines((await RunSqlAsync(AdminDatabase, PostgreSqlSql.RoleCanLogin(PostgreSqlSql.RootRole), [], "reading root", cancellationToken)).StandardOutput)
            .SingleOrDefault() switch { null => null, var v => v == "t" };

    async Task GrantSchemaAccessAsync(string database, IEnumerable<string> users, CancellationToken cancellationToken) =>
        await RunSqlAsync(database, string.Join('\n', users.Select(PostgreSqlSql.GrantSchemaAccess)), [],
            $"granting schema public of '{database}'", cancellationToken);

    async Task DropRoleAsync(string name, CancellationToken cancellationToken)
    {
        // Its sessions end first: a transaction of its own would hold locks that REASSIGN OWNED waits on.
        var databases = Lines((await RunSqlAsync(AdminDatabase, PostgreSqlSql.TerminateSessions(name) + "\n" + PostgreSqlSql.DatabasesDependingOn(name), [],
            "finding the user's objects", cancellationToken)).StandardOutput).Skip(1);
        foreach (var database in databases.Where(d => d != AdminDatabase))
            await RunSqlAsync(database, PostgreSqlSql.DisownRole(name), [], $"handing the objects of '{name}' in '{database}' to the admin", cancellationToken);
        await RunSqlAsync(AdminDatabase, string.Join('\n', PostgreSqlSql.DisownRole(name), PostgreSqlSql.DropRole(name)), [],
            $"dropping user '{name}'", cancellationToken);
    }

    async Task TryDropRoleAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            if ((await ExistingAsync(PostgreSqlSql.ExistingRoles([name]), cancellationToken)).Count > 0) await DropRoleAsync(name, cancellationToken);
        }
        catch (EngineException exception)
        {
            Log.Warn($"{Engine}: could not remove user '{name}' after a failed create: {exception.Message}");
        }
    }

    async Task TryRunSqlAsync(string database, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await RunSqlAsync(database, sql, [], "undoing a failed create", cancellationToken);
        }
        catch (EngineException exception)
        {
            Log.Warn(exception.Message);
        }
    }

    async Task RequireUsersAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var found = await ExistingAsync(PostgreSqlSql.ExistingRoles(names), cancellationToken);
        var missing = names.FirstOrDefault(n => !found.Contains(n, StringComparer.Ordinal));
        if (missing is not null) throw new EngineObjectNotFoundException($"{Engine}: user '{missing}' does not exist");
    }

    async Task RequireDatabasesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return;
        var found = await ExistingAsync(PostgreSqlSql.ExistingDatabases(wanted), cancellationToken);
        var missing = wanted.FirstOrDefault(n => !found.Contains(n, StringComparer.Ordinal));
        if (missing is not null) throw new EngineObjectNotFoundException($"{Engine}: database '{missing}' does not exist");
    }

    async Task<IReadOnlyList<string>> ExistingAsync(string sql, CancellationToken cancellationToken) =>
        Lines((await RunSqlAsync(AdminDatabase, sql, [], "looking up names", cancellationToken)).StandardOutput).ToList();

    async Task<JsonElement> QueryJsonAsync(string sql, string doing, CancellationToken cancellationToken)
    {
        var output = (await RunSqlAsync(AdminDatabase, sql, [], doing, cancellationToken)).StandardOutput.Trim();
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>psql stops at the first error (ON_ERROR_STOP) and the open transaction dies with its session.</summary>
    static string Transaction(IEnumerable<string> statements, bool quiet) =>
        (quiet ? PostgreSqlSql.QuietSession + "\n" : "") + "BEGIN;\n" + string.Join('\n', statements) + "\nCOMMIT;";

    static void RequireUser(UserRef user)
    {
        RequireNoHost(user.Name, user.Host);
        RequireUserName(user.Name);
    }

    static string RequireUserNameAndReturn(string name)
    {
        RequireUserName(name);
        return name;
    }

    static void RequireNoHost(string user, string? host)
    {
        if (host is not null)
            throw new ArgumentException($"{Engine}: users have no host; give user '{user}' without one");
    }

    static List<string> RequireDistinct(IEnumerable<string> names, string what)
    {
        var list = names.ToList();
        var twice = list.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"{Engine}: {what} '{twice.Key}' is named more than once");
        return list;
    }
}
