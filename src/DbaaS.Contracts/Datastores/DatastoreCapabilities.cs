namespace DbaaS.Contracts.Datastores;

/// <summary>
/// What each datastore manager's plugin can do with databases, users and root. The API shows them on
/// <c>GET /datastores/{ds}/versions/{v}</c> and refuses an unsupported call with a 400 naming the datastore before
/// anything is sent; the guest agent refuses it again (not_supported). Shared so both sides read one table.
/// </summary>
public static class DatastoreCapabilities
{
    /// <summary>List the databases (Redis: its numbered logical databases).</summary>
    public const string ListDatabases = "list_databases";
    /// <summary>Create and delete named databases.</summary>
    public const string ManageDatabases = "manage_databases";
    /// <summary>Character set and collation on created databases.</summary>
    public const string DatabaseCharacterSets = "database_character_sets";
    /// <summary>Create, list, delete users and change their passwords.</summary>
    public const string Users = "users";
    /// <summary>Users are (name, host) pairs: <c>name@host</c> in routes.</summary>
    public const string UserHost = "user_host";
    /// <summary>Rename a user (and move it to another host where hosts exist).</summary>
    public const string RenameUsers = "rename_users";
    /// <summary>Grant and revoke a user's access to single databases.</summary>
    public const string UserAccess = "user_access";
    /// <summary>Enable, show and disable the root user.</summary>
    public const string Root = "root";

    static readonly IReadOnlyList<string> MySqlFamily =
        [ListDatabases, ManageDatabases, DatabaseCharacterSets, Users, UserHost, RenameUsers, UserAccess, Root];
    static readonly IReadOnlyList<string> PostgreSql = [ListDatabases, ManageDatabases, Users, RenameUsers, UserAccess, Root];
    static readonly IReadOnlyList<string> Redis = [ListDatabases, Users, Root];

    public static IReadOnlyList<string> For(string manager) => manager switch
    {
        "mariadb" or "mysql" => MySqlFamily,
        "postgresql" => PostgreSql,
        "redis" => Redis,
        _ => [],
    };

    public static bool Supports(string manager, string capability) => For(manager).Contains(capability);
}
