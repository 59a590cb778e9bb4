using System.Text.Json.Serialization;

namespace DbaaS.Contracts.Guest;

// Arguments and results of the database, user and root RPCs (GuestMethods.ListDatabases … IsRootEnabled).
// A user is named by (name, host): host is MySQL/MariaDB's, "%" when absent, and null for the other engines.

public sealed record CreateDatabasesArgs(
    [property: JsonPropertyName("databases")] IReadOnlyList<DatabaseSpec> Databases);

public sealed record DatabaseRef(
    [property: JsonPropertyName("name")] string Name);

/// <summary>Every database a tenant may see (the engine's own system databases left out), sorted by name (ordinal).</summary>
public sealed record DatabaseList(
    [property: JsonPropertyName("databases")] IReadOnlyList<DatabaseSpec> Databases);

public sealed record CreateUsersArgs(
    [property: JsonPropertyName("users")] IReadOnlyList<UserSpec> Users);

public sealed record UserRef(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host")] string? Host);

/// <summary>A user as the engine has it, with the databases it can reach (sorted by name, ordinal).</summary>
public sealed record UserInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("databases")] IReadOnlyList<string> Databases);

/// <summary>Every user a tenant may see (root, the admin and the engine's own accounts left out), sorted by name then host.</summary>
public sealed record UserList(
    [property: JsonPropertyName("users")] IReadOnlyList<UserInfo> Users);

public sealed record UserPassword(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("password")] string Password);

/// <summary>Every user must exist (else not_found, and none is changed).</summary>
public sealed record ChangePasswordsArgs(
    [property: JsonPropertyName("users")] IReadOnlyList<UserPassword> Users);

/// <summary>Rename, move to another host and/or set a password; a null field is left as it is. Grants follow the user.</summary>
public sealed record UpdateUserArgs(
    [property: JsonPropertyName("user")] UserRef User,
    [property: JsonPropertyName("new_name")] string? NewName,
    [property: JsonPropertyName("new_host")] string? NewHost,
    [property: JsonPropertyName("new_password")] string? NewPassword);

public sealed record GrantAccessArgs(
    [property: JsonPropertyName("user")] UserRef User,
    [property: JsonPropertyName("databases")] IReadOnlyList<string> Databases);

public sealed record RevokeAccessArgs(
    [property: JsonPropertyName("user")] UserRef User,
    [property: JsonPropertyName("database")] string Database);

/// <summary>Null password: the guest generates a strong one.</summary>
public sealed record EnableRootArgs(
    [property: JsonPropertyName("password")] string? Password);

/// <summary>Returned once, by enable_root; never logged.</summary>
public sealed record RootCredentials(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("password")] string Password);

public sealed record RootStatus(
    [property: JsonPropertyName("enabled")] bool Enabled);
