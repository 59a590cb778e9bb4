using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Datastores;

/// <summary>
/// Databases, users and root inside the engine, for a plugin whose engine has them (see
/// <see cref="DbaaS.Contracts.Datastores.DatastoreCapabilities"/>: a method outside the plugin's capabilities throws
/// <see cref="NotSupportedException"/> naming the engine). Every name is checked and quoted by the engine's rules
/// before it reaches SQL or a command line. Absent objects throw <see cref="Common.EngineObjectNotFoundException"/>,
/// taken ones <see cref="Common.EngineObjectExistsException"/>; messages are for users and never hold a password.
/// The engine's own accounts, the admin and root never appear in lists and cannot be touched by the user methods.
/// </summary>
public interface IAccessAdministration
{
    Task<DatabaseList> ListDatabasesAsync(CancellationToken cancellationToken);

    /// <summary>All or nothing: if one exists already, none is created.</summary>
    Task CreateDatabasesAsync(IReadOnlyList<DatabaseSpec> databases, CancellationToken cancellationToken);

    Task DeleteDatabaseAsync(string name, CancellationToken cancellationToken);

    Task<UserList> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>All or nothing: if one exists or a granted database is absent, none is created.</summary>
    Task CreateUsersAsync(IReadOnlyList<UserSpec> users, CancellationToken cancellationToken);

    Task DeleteUserAsync(UserRef user, CancellationToken cancellationToken);

    /// <summary>All or nothing: if one user is absent, no password changes.</summary>
    Task ChangePasswordsAsync(IReadOnlyList<UserPassword> users, CancellationToken cancellationToken);

    /// <summary>New name, host and/or password; the user keeps its grants.</summary>
    Task UpdateUserAsync(UpdateUserArgs update, CancellationToken cancellationToken);

    Task GrantAccessAsync(UserRef user, IReadOnlyList<string> databases, CancellationToken cancellationToken);

    Task RevokeAccessAsync(UserRef user, string database, CancellationToken cancellationToken);

    /// <summary>Creates or re-enables root with every privilege, under <paramref name="password"/> or a generated one.</summary>
    Task<RootCredentials> EnableRootAsync(string? password, CancellationToken cancellationToken);

    /// <summary>Root can no longer log in; the agent's own admin account (root@localhost over the socket on MySQL/MariaDB) keeps working.</summary>
    Task DisableRootAsync(CancellationToken cancellationToken);

    Task<bool> IsRootEnabledAsync(CancellationToken cancellationToken);
}
