using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>
/// Databases, users and root, as the admin over the socket. MySQL's DDL is not transactional (each CREATE, DROP,
/// GRANT commits on its own), so "all or nothing" is had by reading the catalog once, refusing the whole call if
/// anything is missing or taken, and only then running the statements in one batch, which stops at the first
/// error. Calls are serialised by the agent; only a change made meanwhile by the tenant's own root can make a batch
/// fail halfway, and then the engine's error is reported.
/// </summary>
public abstract partial class MySqlFamilyPlugin : IAccessAdministration
{
    string Engine => Dialect.Engine;

    public async Task<DatabaseList> ListDatabasesAsync(CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadDatabases], "listing databases", cancellationToken);
        return new DatabaseList(catalog.Databases
            .Where(d => !IsSystemDatabase(d.Name))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList());
    }

    public async Task CreateDatabasesAsync(IReadOnlyList<DatabaseSpec> databases, CancellationToken cancellationToken)
    {
        foreach (var database in databases) RequireDatabase(database);
        RefuseDuplicates(databases.Select(d => d.Name), StringComparer.Ordinal, "database");

        var characterSets = databases.Select(d => d.CharacterSet).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var collations = databases.Select(d => d.Collate).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        List<string> reads = [MySqlAccessSql.ReadDatabases];
        if (characterSets.Count + collations.Count > 0) reads.Add(MySqlAccessSql.ReadCollations(Dialect, characterSets, collations));
        var catalog = await ReadCatalogAsync(reads, "checking databases", cancellationToken);

        if (databases.FirstOrDefault(d => catalog.HasDatabase(d.Name)) is { } taken)
            throw new EngineObjectExistsException($"{Engine}: database '{taken.Name}' already exists");
        foreach (var database in databases) RequireKnownCollation(catalog, database);

        await RunSqlAsync(string.Join('\n', databases.Select(MySqlAccessSql.CreateDatabase)), [], "creating databases", cancellationToken);
    }

    /// <summary>The database's grants go with it: a database created later under the same name starts with no users.</summary>
    public async Task DeleteDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        RequireDatabaseName(name);
        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadDatabases, MySqlAccessSql.ReadDatabaseGrants], "checking the database", cancellationToken);
        if (!catalog.HasDatabase(name)) throw DatabaseNotFound(name);

        var statements = new List<string> { MySqlAccessSql.DropDatabase(name) };
        statements.AddRange(catalog.Grants
            .Where(g => string.Equals(g.Database, name, StringComparison.Ordinal))
            .Select(g => MySqlAccessSql.RevokeDatabase(g.Pattern, g.GrantOption, g.User, g.Host)));
        await RunSqlAsync(string.Join('\n', statements), [], "deleting the database", cancellationToken);
    }

    public async Task<UserList> ListUsersAsync(CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect), MySqlAccessSql.ReadDatabaseGrants], "listing users", cancellationToken);
        return new UserList(catalog.Accounts
            .Where(a => a.IsLogin && !IsSystemUser(a.User))
            .OrderBy(a => a.User, StringComparer.Ordinal).ThenBy(a => a.Host, StringComparer.Ordinal)
            .Select(a => new UserInfo(a.User, a.Host, catalog.GrantsOf(a.User, a.Host)
                .Select(g => g.Database).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .ToList());
    }

    public async Task CreateUsersAsync(IReadOnlyList<UserSpec> users, CancellationToken cancellationToken)
    {
        var checkedUsers = users.Select(user =>
        {
            var (name, host) = RequireUser(new UserRef(user.Name, user.Host));
            NameRules.RequirePassword(Engine, name, user.Password);
            foreach (var database in user.Databases) RequireDatabaseName(database);
            return (Name: name, Host: host, user.Password, user.Databases);
        }).ToList();
        if (checkedUsers.GroupBy(u => (u.Name, Host: u.Host.ToLowerInvariant())).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"{Engine}: user {Show(twice.First().Name, twice.First().Host)} is given more than once");

        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect), MySqlAccessSql.ReadDatabases], "checking users", cancellationToken);
        if (checkedUsers.FirstOrDefault(u => catalog.Account(u.Name, u.Host) is not null) is { Name: not null } taken)
            throw new EngineObjectExistsException($"{Engine}: user {Show(taken.Name, taken.Host)} already exists");
        RequireDatabasesExist(catalog, checkedUsers.SelectMany(u => u.Databases));

        var statements = new List<string>();
        foreach (var user in checkedUsers)
        {
            statements.Add(MySqlAccessSql.CreateUser(Dialect, user.Name, user.Host, user.Password));
            statements.AddRange(user.Databases.Distinct(StringComparer.Ordinal).Select(d => MySqlSql.GrantAll(d, user.Name, user.Host)));
        }
        await RunSqlAsync(string.Join('\n', statements), MySqlSql.SecretForms(checkedUsers.Select(u => u.Password)), "creating users", cancellationToken);
    }

    public async Task DeleteUserAsync(UserRef user, CancellationToken cancellationToken)
    {
        var (name, host) = RequireUser(user);
        await RequireExistingUserAsync(name, host, cancellationToken);
        await RunSqlAsync(MySqlAccessSql.DropUser(name, host), [], "deleting the user", cancellationToken);
    }

    public async Task ChangePasswordsAsync(IReadOnlyList<UserPassword> users, CancellationToken cancellationToken)
    {
        var checkedUsers = users.Select(user =>
        {
            var (name, host) = RequireUser(new UserRef(user.Name, user.Host));
            return (Name: name, Host: host, Password: NameRules.RequirePassword(Engine, name, user.Password));
        }).ToList();

        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect)], "checking users", cancellationToken);
        if (checkedUsers.FirstOrDefault(u => catalog.Account(u.Name, u.Host) is not { IsLogin: true }) is { Name: not null } absent)
            throw UserNotFound(absent.Name, absent.Host);

        await RunSqlAsync(string.Join('\n', checkedUsers.Select(u => MySqlAccessSql.SetPassword(Dialect, u.Name, u.Host, u.Password))),
            MySqlSql.SecretForms(checkedUsers.Select(u => u.Password)), "changing passwords", cancellationToken);
    }

    public async Task UpdateUserAsync(UpdateUserArgs update, CancellationToken cancellationToken)
    {
        var (name, host) = RequireUser(update.User);
        var newName = update.NewName ?? name;
        var newHost = update.NewHost ?? host;
        RequireUser(newName, newHost);
        if (update.NewPassword is not null) NameRules.RequirePassword(Engine, newName, update.NewPassword);

        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect)], "checking users", cancellationToken);
        if (catalog.Account(name, host) is not { IsLogin: true }) throw UserNotFound(name, host);
        var renamed = !MySqlCatalog.SameAccount(name, host, newName, newHost);
        if (renamed && catalog.Account(newName, newHost) is not null)
            throw new EngineObjectExistsException($"{Engine}: user {Show(newName, newHost)} already exists");

        var statements = new List<string>();
        if (renamed) statements.Add(MySqlAccessSql.RenameUser(name, host, newName, newHost));
        if (update.NewPassword is not null) statements.Add(MySqlAccessSql.SetPassword(Dialect, newName, newHost, update.NewPassword));
        if (statements.Count == 0) return;
        await RunSqlAsync(string.Join('\n', statements), MySqlSql.SecretForms(update.NewPassword is null ? [] : [update.NewPassword]), "updating the user", cancellationToken);
    }

    public async Task GrantAccessAsync(UserRef user, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        var (name, host) = RequireUser(user);
        foreach (var database in databases) RequireDatabaseName(database);

        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect), MySqlAccessSql.ReadDatabases], "checking the grant", cancellationToken);
        if (catalog.Account(name, host) is not { IsLogin: true }) throw UserNotFound(name, host);
        RequireDatabasesExist(catalog, databases);

        await RunSqlAsync(string.Join('\n', databases.Distinct(StringComparer.Ordinal).Select(d => MySqlSql.GrantAll(d, name, host))),
            [], "granting access", cancellationToken);
    }

    /// <summary>
    /// Revokes every database-level grant of the user that names exactly this database (escaped or, if root wrote
    /// it so, not); a grant left on a dropped database can still be revoked.
    /// </summary>
    public async Task RevokeAccessAsync(UserRef user, string database, CancellationToken cancellationToken)
    {
        var (name, host) = RequireUser(user);
        RequireDatabaseName(database);

        var catalog = await ReadCatalogAsync(
            [MySqlAccessSql.ReadAccounts(Dialect), MySqlAccessSql.ReadDatabases, MySqlAccessSql.ReadDatabaseGrants], "checking the grant", cancellationToken);
        if (catalog.Account(name, host) is not { IsLogin: true }) throw UserNotFound(name, host);
        var grants = catalog.GrantsOf(name, host).Where(g => string.Equals(g.Database, database, StringComparison.Ordinal)).ToList();
        if (grants.Count == 0)
            throw catalog.HasDatabase(database)
                ? new EngineObjectNotFoundException($"{Engine}: user {Show(name, host)} has no access to database '{database}'")
                : DatabaseNotFound(database);

        await RunSqlAsync(string.Join('\n', grants.Select(g => MySqlAccessSql.RevokeDatabase(g.Pattern, g.GrantOption, name, host))),
            [], "revoking access", cancellationToken);
    }

    public async Task<RootCredentials> EnableRootAsync(string? password, CancellationToken cancellationToken)
    {
        var rootPassword = password is null ? AdminSecret.Generate() : NameRules.RequirePassword(Engine, MySqlAccessSql.RootUser, password);
        await RunSqlAsync(MySqlAccessSql.EnableRoot(Dialect, rootPassword), MySqlSql.SecretForms([rootPassword]), "enabling root", cancellationToken);
        return new RootCredentials(MySqlAccessSql.RootUser, rootPassword);
    }

    /// <summary>Drops every root account but root@localhost (the admin): root@'%' and any other host root gave itself.</summary>
    public async Task DisableRootAsync(CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect)], "checking root", cancellationToken);
        var drops = RemoteRoots(catalog).Select(a => MySqlAccessSql.DropUser(a.User, a.Host)).ToList();
        if (drops.Count > 0) await RunSqlAsync(string.Join('\n', drops), [], "disabling root", cancellationToken);
    }

    public async Task<bool> IsRootEnabledAsync(CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect)], "checking root", cancellationToken);
        return catalog.Account(MySqlAccessSql.RootUser, MySqlAccessSql.RootHost) is not null;
    }

    static IEnumerable<MySqlAccount> RemoteRoots(MySqlCatalog catalog) =>
        catalog.Accounts.Where(a => a.User == MySqlAccessSql.RootUser && !string.Equals(a.Host, "localhost", StringComparison.OrdinalIgnoreCase));

    async Task<MySqlCatalog> ReadCatalogAsync(IReadOnlyList<string> reads, string doing, CancellationToken cancellationToken)
    {
        var output = (await RunSqlAsync(string.Join('\n', reads), [], doing, cancellationToken)).StandardOutput;
        try
        {
            return MySqlCatalog.Parse(output);
        }
        catch (FormatException e)
        {
            throw new EngineException($"{Engine}: {doing}: the client's output could not be read: {e.Message}", e);
        }
    }

    async Task RequireExistingUserAsync(string name, string host, CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync([MySqlAccessSql.ReadAccounts(Dialect)], "checking the user", cancellationToken);
        if (catalog.Account(name, host) is not { IsLogin: true }) throw UserNotFound(name, host);
    }

    void RequireDatabasesExist(MySqlCatalog catalog, IEnumerable<string> databases)
    {
        if (databases.FirstOrDefault(d => !catalog.HasDatabase(d)) is { } absent) throw DatabaseNotFound(absent);
    }

    /// <summary>The engine would refuse an unknown character set or collation only after the databases before it were created.</summary>
    void RequireKnownCollation(MySqlCatalog catalog, DatabaseSpec database)
    {
        bool IsCollation(MySqlCollation c, string name) =>
            string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.FullName, name, StringComparison.OrdinalIgnoreCase);

        if (database.CharacterSet is { } set && !catalog.Collations.Any(c => string.Equals(c.CharacterSet, set, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"{Engine}: character set '{set}' of database '{database.Name}' is not known to the engine");
        if (database.Collate is not { } collation) return;
        if (!catalog.Collations.Any(c => IsCollation(c, collation)))
            throw new ArgumentException($"{Engine}: collation '{collation}' of database '{database.Name}' is not known to the engine");
        if (database.CharacterSet is { } characterSet
            && !catalog.Collations.Any(c => IsCollation(c, collation) && string.Equals(c.CharacterSet, characterSet, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"{Engine}: collation '{collation}' of database '{database.Name}' is not one of character set '{characterSet}'");
    }

    void RefuseDuplicates(IEnumerable<string> names, StringComparer comparer, string what)
    {
        if (names.GroupBy(n => n, comparer).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"{Engine}: {what} '{twice.Key}' is given more than once");
    }

    EngineObjectNotFoundException UserNotFound(string name, string host) => new($"{Engine}: user {Show(name, host)} does not exist");

    EngineObjectNotFoundException DatabaseNotFound(string name) => new($"{Engine}: database '{name}' does not exist");

    static string Show(string name, string host) => $"'{name}'@'{host}'";
}
