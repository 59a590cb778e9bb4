using System.Collections.Concurrent;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Tests.Infrastructure;

/// <summary>
/// A pretend engine that also has databases, users and root, serving any manager (so the shared capability table
/// applies as for the real engine of that name). Its lifecycle is <see cref="FakeEnginePlugin"/>'s; each access call
/// is recorded by method name, and <see cref="FailWith"/> makes the next one throw, as a plugin reports a missing or
/// taken object.
/// </summary>
public sealed class FakeAccessPlugin(EngineContext context, FakeEngine engine, string manager) : IDatastorePlugin, IAccessAdministration
{
    readonly FakeEnginePlugin lifecycle = new(context, engine);

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>When set, the next access call throws it.</summary>
    public Exception? FailWith;

    public string Manager => manager;
    public bool IsInitialized => lifecycle.IsInitialized;
    public Task<PrepareResult> PrepareAsync(PrepareArgs args, CancellationToken cancellationToken) => lifecycle.PrepareAsync(args, cancellationToken);
    public Task StartAsync(CancellationToken cancellationToken) => lifecycle.StartAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => lifecycle.StopAsync(cancellationToken);
    public Task RestartAsync(CancellationToken cancellationToken) => lifecycle.RestartAsync(cancellationToken);
    public Task<string> ProbeAsync(CancellationToken cancellationToken) => lifecycle.ProbeAsync(cancellationToken);
    public Task ApplyFlavorAsync(int memoryMb, CancellationToken cancellationToken) => lifecycle.ApplyFlavorAsync(memoryMb, cancellationToken);

    public Task<DatabaseList> ListDatabasesAsync(CancellationToken cancellationToken) =>
        Record("list_databases", new DatabaseList([new DatabaseSpec("0"), new DatabaseSpec("1")]));

    public Task CreateDatabasesAsync(IReadOnlyList<DatabaseSpec> databases, CancellationToken cancellationToken) =>
        Record($"create_database {string.Join(',', databases.Select(d => d.Name))}", true);

    public Task DeleteDatabaseAsync(string name, CancellationToken cancellationToken) => Record($"delete_database {name}", true);

    public Task<UserList> ListUsersAsync(CancellationToken cancellationToken) =>
        Record("list_users", new UserList([new UserInfo("alice", null, ["0", "1"])]));

    public Task CreateUsersAsync(IReadOnlyList<UserSpec> users, CancellationToken cancellationToken) =>
        Record($"create_user {string.Join(',', users.Select(u => $"{u.Name}[{string.Join('+', u.Databases)}]"))}", true);

    public Task DeleteUserAsync(UserRef user, CancellationToken cancellationToken) => Record($"delete_user {user.Name}", true);

    public Task ChangePasswordsAsync(IReadOnlyList<UserPassword> users, CancellationToken cancellationToken) =>
        Record($"change_passwords {string.Join(',', users.Select(u => u.Name))}", true);

    public Task UpdateUserAsync(UpdateUserArgs update, CancellationToken cancellationToken) =>
        Record($"update_attributes {update.User.Name}->{update.NewName}", true);

    public Task GrantAccessAsync(UserRef user, IReadOnlyList<string> databases, CancellationToken cancellationToken) =>
        Record($"grant_access {user.Name} {string.Join(',', databases)}", true);

    public Task RevokeAccessAsync(UserRef user, string database, CancellationToken cancellationToken) =>
        Record($"revoke_access {user.Name} {database}", true);

    public Task<RootCredentials> EnableRootAsync(string? password, CancellationToken cancellationToken) =>
        Record("enable_root", new RootCredentials("root", password ?? "generated-root-pw"));

    public Task DisableRootAsync(CancellationToken cancellationToken) => Record("disable_root", true);

    public Task<bool> IsRootEnabledAsync(CancellationToken cancellationToken) => Record("is_root_enabled", true);

    Task<T> Record<T>(string call, T result)
    {
        Calls.Enqueue(call);
        if (Interlocked.Exchange(ref FailWith, null) is { } failure) return Task.FromException<T>(failure);
        return Task.FromResult(result);
    }
}
