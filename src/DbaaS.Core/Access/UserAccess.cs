using DbaaS.Contracts.Datastores;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Errors;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Access;

/// <summary>A user change as a route asks for it; a null field is left as it is.</summary>
public sealed record UserUpdate(string? NewName, string? NewHost, string? NewPassword);

/// <summary>The users inside a tenant's instance and their access to databases (Trove's users extension), through its guest.</summary>
public sealed class UserAccess(AccessTargets targets, AccessGuestCalls calls, IOptions<AccessOptions> options)
{
    public const int MaxPerRequest = 100;

    public async Task<ListPage<UserInfo>> ListAsync(string projectId, string instanceId, int? limit, string? marker, CancellationToken cancellationToken)
    {
        var (_, all) = await AllAsync(projectId, instanceId, DatastoreCapabilities.Users, "users", cancellationToken);
        return ListPaging.Page(all, u => UserName.Format(u.Name, u.Host), AfterMarker, limit, marker, options.Value);
    }

    public async Task<UserInfo> GetAsync(string projectId, string instanceId, UserName user, CancellationToken cancellationToken) =>
        await FindAsync(projectId, instanceId, user, DatastoreCapabilities.Users, "users", cancellationToken);

    /// <summary>The databases a user can reach.</summary>
    public async Task<IReadOnlyList<string>> DatabasesOfAsync(string projectId, string instanceId, UserName user, CancellationToken cancellationToken) =>
        (await FindAsync(projectId, instanceId, user, DatastoreCapabilities.UserAccess, "access to single databases", cancellationToken)).Databases;

    public async Task CreateAsync(string projectId, string instanceId, IReadOnlyList<UserSpec> users, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.Users, "users", cancellationToken);
        CountOf(users.Count, "users");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var normalized = new List<UserSpec>();
        foreach (var user in users)
        {
            var host = ValidateUser(target, user.Name, user.Host);
            EngineObjectRules.ValidatePassword(user.Name, user.Password);
            if (!keys.Add(UserName.Format(user.Name, host))) throw new BadRequestException($"User '{UserName.Format(user.Name, host)}' is listed twice.");
            if (user.Databases.Count > 0) target.Require(DatastoreCapabilities.UserAccess, "granting users access to databases");
            ValidateDatabases(target, user.Databases);
            normalized.Add(user with { Host = host });
        }
        await calls.CallAsync(target, GuestMethods.CreateUser, new CreateUsersArgs(normalized), cancellationToken);
    }

    public async Task DeleteAsync(string projectId, string instanceId, UserName user, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.Users, "users", cancellationToken);
        var host = ValidateUser(target, user.Name, user.Host);
        await calls.CallAsync(target, GuestMethods.DeleteUser, new UserRef(user.Name, host), cancellationToken);
    }

    /// <summary>All or nothing: every user must exist.</summary>
    public async Task ChangePasswordsAsync(string projectId, string instanceId, IReadOnlyList<UserPassword> users, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.Users, "users", cancellationToken);
        CountOf(users.Count, "users");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var normalized = new List<UserPassword>();
        foreach (var user in users)
        {
            var host = ValidateUser(target, user.Name, user.Host);
            EngineObjectRules.ValidatePassword(user.Name, user.Password);
            if (!keys.Add(UserName.Format(user.Name, host))) throw new BadRequestException($"User '{UserName.Format(user.Name, host)}' is listed twice.");
            normalized.Add(user with { Host = host });
        }
        await calls.CallAsync(target, GuestMethods.ChangePasswords, new ChangePasswordsArgs(normalized), cancellationToken);
    }

    public async Task UpdateAsync(string projectId, string instanceId, UserName user, UserUpdate update, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.Users, "users", cancellationToken);
        var host = ValidateUser(target, user.Name, user.Host);
        if (update.NewName is null && update.NewHost is null && update.NewPassword is null)
            throw new BadRequestException("Give at least one of user.name, user.host and user.password.");
        if (update.NewName is not null)
        {
            target.Require(DatastoreCapabilities.RenameUsers, "renaming users");
            target.Rules.ValidateUserName(update.NewName);
        }
        if (update.NewHost is not null)
        {
            target.Require(DatastoreCapabilities.UserHost, "user hosts");
            target.Rules.NormalizeHost(update.NewHost);
        }
        if (update.NewPassword is not null) EngineObjectRules.ValidatePassword(update.NewName ?? user.Name, update.NewPassword);
        await calls.CallAsync(target, GuestMethods.UpdateAttributes,
            new UpdateUserArgs(new UserRef(user.Name, host), update.NewName, update.NewHost, update.NewPassword), cancellationToken);
    }

    public async Task GrantAsync(string projectId, string instanceId, UserName user, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.UserAccess, "access to single databases", cancellationToken);
        var host = ValidateUser(target, user.Name, user.Host);
        CountOf(databases.Count, "databases");
        ValidateDatabases(target, databases);
        await calls.CallAsync(target, GuestMethods.GrantAccess, new GrantAccessArgs(new UserRef(user.Name, host), databases), cancellationToken);
    }

    public async Task RevokeAsync(string projectId, string instanceId, UserName user, string database, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.UserAccess, "access to single databases", cancellationToken);
        var host = ValidateUser(target, user.Name, user.Host);
        target.Rules.ValidateDatabaseName(database);
        await calls.CallAsync(target, GuestMethods.RevokeAccess, new RevokeAccessArgs(new UserRef(user.Name, host), database), cancellationToken);
    }

    async Task<UserInfo> FindAsync(string projectId, string instanceId, UserName user, string capability, string what, CancellationToken cancellationToken)
    {
        var (target, all) = await AllAsync(projectId, instanceId, capability, what, cancellationToken);
        var host = target.Rules.NormalizeHost(user.Host);
        return all.FirstOrDefault(u => u.Name == user.Name && u.Host == host)
               ?? throw new NotFoundException($"User '{UserName.Format(user.Name, host)}' could not be found on instance {instanceId}.");
    }

    async Task<(AccessTarget, IReadOnlyList<UserInfo>)> AllAsync(string projectId, string instanceId, string capability, string what, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, capability, what, cancellationToken);
        var list = await calls.CallAsync(target, GuestMethods.ListUsers, null, GuestJson.Default.UserList, cancellationToken);
        return (target, list.Users.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Host, StringComparer.Ordinal).ToList());
    }

    /// <summary>The list's order is (name, host), which differs from the order of "name@host" strings ('-' sorts before '@').</summary>
    static bool AfterMarker(UserInfo user, string marker)
    {
        var at = marker.IndexOf('@');
        var (name, host) = at < 0 ? (marker, null) : (marker[..at], marker[(at + 1)..]);
        var byName = string.CompareOrdinal(user.Name, name);
        return byName > 0 || (byName == 0 && string.CompareOrdinal(user.Host, host) > 0);
    }

    static string? ValidateUser(AccessTarget target, string name, string? host)
    {
        target.Rules.ValidateUserName(name);
        return target.Rules.NormalizeHost(host);
    }

    static void ValidateDatabases(AccessTarget target, IReadOnlyList<string> databases)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            target.Rules.ValidateDatabaseName(database);
            if (!names.Add(database)) throw new BadRequestException($"Database '{database}' is listed twice.");
        }
    }

    static void CountOf(int count, string what)
    {
        if (count is 0 or > MaxPerRequest) throw new BadRequestException($"Give 1 to {MaxPerRequest} {what}, not {count}.");
    }
}
