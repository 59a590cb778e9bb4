namespace DbaaS.Contracts.Guest;

/// <summary>The guest RPC vocabulary (Trove's names). An unknown method gets a <see cref="GuestErrorTypes.UnknownMethod"/> reply.</summary>
public static class GuestMethods
{
    /// <summary>Call, <see cref="PrepareArgs"/> → <see cref="PrepareResult"/>.</summary>
    public const string Prepare = "prepare";
    /// <summary>Call, no args: stop then start the engine.</summary>
    public const string Restart = "restart";
    public const string StopDb = "stop_db";
    public const string StartDb = "start_db";
    /// <summary>Call, → <see cref="VolumeInfo"/>.</summary>
    public const string GetVolumeInfo = "get_volume_info";
    /// <summary>Call, → <see cref="PingResult"/>.</summary>
    public const string RpcPing = "rpc_ping";
    /// <summary>Call, → <see cref="Diagnostics"/>.</summary>
    public const string GetDiagnostics = "get_diagnostics";
    /// <summary>Call, <see cref="ResizeVolumeArgs"/>: the guest reports against the new size.</summary>
    public const string ResizeVolume = "resize_volume";
    /// <summary>Call, <see cref="ApplyFlavorArgs"/>: re-render the engine's memory settings and restart it.</summary>
    public const string ApplyFlavor = "apply_flavor";

    // Databases, users and root (Trove's guest API names). Each is a call; not_found / already_exists / not_supported
    // errors carry a message for users. A user is named by UserRef (name, host).
    /// <summary>Call, no args → <see cref="DatabaseList"/>.</summary>
    public const string ListDatabases = "list_databases";
    /// <summary>Call, <see cref="CreateDatabasesArgs"/>; already_exists if any exists (none is created then).</summary>
    public const string CreateDatabase = "create_database";
    /// <summary>Call, <see cref="DatabaseRef"/>; not_found if absent.</summary>
    public const string DeleteDatabase = "delete_database";
    /// <summary>Call, no args → <see cref="UserList"/>.</summary>
    public const string ListUsers = "list_users";
    /// <summary>Call, <see cref="CreateUsersArgs"/>; already_exists if any exists, not_found if a granted database is absent.</summary>
    public const string CreateUser = "create_user";
    /// <summary>Call, <see cref="UserRef"/>; not_found if absent.</summary>
    public const string DeleteUser = "delete_user";
    /// <summary>Call, <see cref="ChangePasswordsArgs"/>.</summary>
    public const string ChangePasswords = "change_passwords";
    /// <summary>Call, <see cref="UpdateUserArgs"/>; already_exists if the new name/host is taken.</summary>
    public const string UpdateAttributes = "update_attributes";
    /// <summary>Call, <see cref="GrantAccessArgs"/>; not_found if the user or a database is absent.</summary>
    public const string GrantAccess = "grant_access";
    /// <summary>Call, <see cref="RevokeAccessArgs"/>; not_found if the user, the database or the grant is absent.</summary>
    public const string RevokeAccess = "revoke_access";
    /// <summary>Call, <see cref="EnableRootArgs"/> → <see cref="RootCredentials"/>.</summary>
    public const string EnableRoot = "enable_root";
    /// <summary>Call, no args.</summary>
    public const string DisableRoot = "disable_root";
    /// <summary>Call, no args → <see cref="RootStatus"/>.</summary>
    public const string IsRootEnabled = "is_root_enabled";

    /// <summary>Report, guest → conductor, <see cref="HeartbeatArgs"/>.</summary>
    public const string Heartbeat = "heartbeat";
}

/// <summary>What a guest says of its engine, as Trove's service statuses (lower case on the wire).</summary>
public static class GuestServiceStatus
{
    public const string New = "new";
    public const string Building = "building";
    public const string Running = "running";
    public const string Blocked = "blocked";
    public const string Shutdown = "shutdown";
    public const string Crashed = "crashed";
    public const string Failed = "failed";
    public const string RestartRequired = "restart_required";
    public const string Unknown = "unknown";
}
