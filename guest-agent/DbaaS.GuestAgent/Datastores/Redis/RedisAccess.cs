using System.Globalization;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestAgent.Datastores.Redis;

/// <summary>
/// Users and root in Redis: ACL users, saved to the ACL file (ACL SAVE) after every change so they survive a restart.
/// A user gets <see cref="UserRules"/>: every key, channel and command but the @admin ones (CONFIG, ACL, SHUTDOWN,
/// DEBUG, MONITOR, CLIENT KILL, replication and persistence control), so no user can lock out the admin, read other
/// clients' traffic or stop the server. ACLs cannot restrict logical databases: a user reaches all of them.
/// Root is the ACL user "root" with every command; disabling deletes it (which also closes its connections).
/// Passwords reach redis-cli on stdin through -x, which passes them to the server as one argument byte for byte:
/// no quoting rules apply and nothing is on the command line.
/// </summary>
public sealed partial class RedisPlugin : IAccessAdministration
{
    /// <summary>Root's rules: everything, administration included.</summary>
    public static readonly IReadOnlyList<string> RootRules = ["reset", "on", "~*", "&*", "+@all"];

    public async Task<DatabaseList> ListDatabasesAsync(CancellationToken cancellationToken) =>
        new((await DatabaseNamesAsync(cancellationToken)).Select(n => new DatabaseSpec(n)).ToList());

    public Task CreateDatabasesAsync(IReadOnlyList<DatabaseSpec> databases, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Engine}: Redis has no named databases (its logical databases are numbered); databases cannot be created");

    public Task DeleteDatabaseAsync(string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Engine}: Redis has no named databases (its logical databases are numbered); databases cannot be deleted");

    public async Task<UserList> ListUsersAsync(CancellationToken cancellationToken)
    {
        var databases = await DatabaseNamesAsync(cancellationToken);
        return new UserList((await AclUsersAsync(cancellationToken))
            .Where(u => u is not AdminUser and not RootUser)
            .Order(StringComparer.Ordinal)
            .Select(u => new UserInfo(u, null, databases)).ToList());
    }

    public async Task CreateUsersAsync(IReadOnlyList<UserSpec> users, CancellationToken cancellationToken)
    {
        foreach (var user in users)
        {
            RequireNoHost(user.Name, user.Host);
            RequireUserName(user.Name);
            NameRules.RequirePassword(Engine, user.Name, user.Password);
            if (user.Databases is { Count: > 0 })
                throw new NotSupportedException($"{Engine}: ACL users cannot be limited to databases; user '{user.Name}' reaches every logical database");
        }
        var twice = users.GroupBy(u => u.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"{Engine}: user '{twice.Key}' is named more than once");
        var existing = await AclUsersAsync(cancellationToken);
        var taken = users.FirstOrDefault(u => existing.Contains(u.Name));
        if (taken is not null) throw new EngineObjectExistsException($"{Engine}: user '{taken.Name}' already exists");

        var created = new List<string>();
        try
        {
            foreach (var user in users)
            {
                await SetUserAsync(user.Name, UserRules, user.Password, $"creating user '{user.Name}'", cancellationToken);
                created.Add(user.Name);
            }
        }
        catch (EngineException)
        {
            // All or nothing: none of them existed, so the ones made before the failure go again.
            if (created.Count > 0) await TryRunAsync(["ACL", "DELUSER", .. created], cancellationToken);
            throw;
        }
        await SaveAclAsync(cancellationToken);
    }

    public async Task DeleteUserAsync(UserRef user, CancellationToken cancellationToken)
    {
        RequireUser(user);
        await RequireUsersAsync([user.Name], cancellationToken);
        // DELUSER also closes the user's connections.
        await RunAsync(["ACL", "DELUSER", user.Name], null, [], $"deleting user '{user.Name}'", cancellationToken);
        await SaveAclAsync(cancellationToken);
    }

    public async Task ChangePasswordsAsync(IReadOnlyList<UserPassword> users, CancellationToken cancellationToken)
    {
        foreach (var user in users)
        {
            RequireUser(new UserRef(user.Name, user.Host));
            NameRules.RequirePassword(Engine, user.Name, user.Password);
        }
        await RequireUsersAsync(users.Select(u => u.Name), cancellationToken);
        foreach (var user in users)
            await SetUserAsync(user.Name, ["resetpass"], user.Password, $"changing the password of '{user.Name}'", cancellationToken);
        await SaveAclAsync(cancellationToken);
    }

    /// <summary>Only a new password: ACL users cannot be renamed, and have no host.</summary>
    public async Task UpdateUserAsync(UpdateUserArgs update, CancellationToken cancellationToken)
    {
        RequireUser(update.User);
        if (update.NewHost is not null) RequireNoHost(update.User.Name, update.NewHost);
        if (update.NewName is not null && update.NewName != update.User.Name)
            throw new NotSupportedException($"{Engine}: ACL users cannot be renamed");
        if (update.NewPassword is null) return;
        await ChangePasswordsAsync([new UserPassword(update.User.Name, null, update.NewPassword)], cancellationToken);
    }

    public Task GrantAccessAsync(UserRef user, IReadOnlyList<string> databases, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Engine}: ACL users cannot be limited to databases; every user reaches every logical database");

    public Task RevokeAccessAsync(UserRef user, string database, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Engine}: ACL users cannot be limited to databases; every user reaches every logical database");

    public async Task<RootCredentials> EnableRootAsync(string? password, CancellationToken cancellationToken)
    {
        var secret = password ?? AdminSecret.Generate();
        NameRules.RequirePassword(Engine, RootUser, secret);
        await SetUserAsync(RootUser, RootRules, secret, "enabling root", cancellationToken);
        await SaveAclAsync(cancellationToken);
        return new RootCredentials(RootUser, secret);
    }

    public async Task DisableRootAsync(CancellationToken cancellationToken)
    {
        if (!(await AclUsersAsync(cancellationToken)).Contains(RootUser)) return;
        await RunAsync(["ACL", "DELUSER", RootUser], null, [], "disabling root", cancellationToken);
        await SaveAclAsync(cancellationToken);
    }

    /// <summary>Enabled when root is in the ACL and "on" (a root user could have switched itself off).</summary>
    public async Task<bool> IsRootEnabledAsync(CancellationToken cancellationToken)
    {
        var list = (await RunAsync(["ACL", "LIST"], null, [], "listing ACL rules", cancellationToken)).StandardOutput;
        return list.Split('\n').Select(l => l.Trim()).Any(l => l.StartsWith($"user {RootUser} on ", StringComparison.Ordinal));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /// <summary>-x: the last argument (">password") comes from stdin, verbatim.</summary>
    async Task SetUserAsync(string name, IReadOnlyList<string> rules, string password, string doing, CancellationToken cancellationToken) =>
        await RunAsync(["-x", "ACL", "SETUSER", name, .. rules], ">" + password, [password], doing, cancellationToken);

    async Task SaveAclAsync(CancellationToken cancellationToken) =>
        await RunAsync(["ACL", "SAVE"], null, [], "saving the ACL file", cancellationToken);

    /// <summary>"0" … "N-1" from CONFIG GET databases, sorted by name (ordinal) as every list of the protocol.</summary>
    async Task<IReadOnlyList<string>> DatabaseNamesAsync(CancellationToken cancellationToken)
    {
        var reply = Lines((await RunAsync(["CONFIG", "GET", "databases"], null, [], "reading the number of databases", cancellationToken)).StandardOutput);
        if (reply.Count != 2 || !int.TryParse(reply[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new EngineException($"{Engine}: CONFIG GET databases gave an unexpected answer");
        return Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
    }

    async Task<HashSet<string>> AclUsersAsync(CancellationToken cancellationToken) =>
        Lines((await RunAsync(["ACL", "USERS"], null, [], "listing ACL users", cancellationToken)).StandardOutput).ToHashSet(StringComparer.Ordinal);

    async Task RequireUsersAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var existing = await AclUsersAsync(cancellationToken);
        var missing = names.FirstOrDefault(n => !existing.Contains(n));
        if (missing is not null) throw new EngineObjectNotFoundException($"{Engine}: user '{missing}' does not exist");
    }

    async Task TryRunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(arguments, null, [], "undoing a failed create", cancellationToken);
        }
        catch (EngineException exception)
        {
            Log.Warn(exception.Message);
        }
    }

    static void RequireUser(UserRef user)
    {
        RequireNoHost(user.Name, user.Host);
        RequireUserName(user.Name);
    }

    static void RequireNoHost(string user, string? host)
    {
        if (host is not null)
            throw new ArgumentException($"{Engine}: users have no host; give user '{user}' without one");
    }

    static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
