using System.Text.Json;
using DbaaS.Contracts.Datastores;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Instance;

namespace DbaaS.GuestAgent.Rpc;

/// <summary>
/// The database, user and root RPCs: arguments read and checked here, capability checked against the shared table,
/// the work done by the plugin's <see cref="Datastores.IAccessAdministration"/>, in turn with lifecycle operations.
/// </summary>
static class AccessRpcMethods
{
    static readonly JsonElement Done = JsonDocument.Parse("{}").RootElement.Clone();

    public static void AddTo(Dictionary<string, RpcMethod> methods, EngineControl engine)
    {
        var json = GuestJson.Default;
        var manager = engine.Plugin.Manager;

        methods[GuestMethods.ListDatabases] = async (_, ct) => JsonSerializer.SerializeToElement(
            await Administer(engine, GuestMethods.ListDatabases, DatastoreCapabilities.ListDatabases, a => a.ListDatabasesAsync(ct), ct),
            json.DatabaseList);

        methods[GuestMethods.CreateDatabase] = async (args, ct) =>
        {
            var create = RpcArguments.Read(GuestMethods.CreateDatabase, args, json.CreateDatabasesArgs);
            var databases = NonEmpty(GuestMethods.CreateDatabase, "databases", create.Databases);
            if (databases.Any(d => string.IsNullOrEmpty(d?.Name)))
                throw new RpcArgumentException($"{GuestMethods.CreateDatabase}: every database needs a name");
            await Administer(engine, GuestMethods.CreateDatabase, DatastoreCapabilities.ManageDatabases,
                async a => { await a.CreateDatabasesAsync(databases, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.DeleteDatabase] = async (args, ct) =>
        {
            var database = RpcArguments.Read(GuestMethods.DeleteDatabase, args, json.DatabaseRef);
            Required(GuestMethods.DeleteDatabase, "name", database.Name);
            await Administer(engine, GuestMethods.DeleteDatabase, DatastoreCapabilities.ManageDatabases,
                async a => { await a.DeleteDatabaseAsync(database.Name, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.ListUsers] = async (_, ct) => JsonSerializer.SerializeToElement(
            await Administer(engine, GuestMethods.ListUsers, DatastoreCapabilities.Users, a => a.ListUsersAsync(ct), ct),
            json.UserList);

        methods[GuestMethods.CreateUser] = async (args, ct) =>
        {
            var create = RpcArguments.Read(GuestMethods.CreateUser, args, json.CreateUsersArgs);
            var users = NonEmpty(GuestMethods.CreateUser, "users", create.Users);
            if (users.Any(u => string.IsNullOrEmpty(u?.Name) || string.IsNullOrEmpty(u.Password)))
                throw new RpcArgumentException($"{GuestMethods.CreateUser}: every user needs a name and a password");
            var normalized = users.Select(u => u with { Databases = u.Databases ?? [] }).ToList();
            if (normalized.Any(u => u.Databases.Count > 0)) RequireCapability(manager, GuestMethods.CreateUser, DatastoreCapabilities.UserAccess);
            await Administer(engine, GuestMethods.CreateUser, DatastoreCapabilities.Users,
                async a => { await a.CreateUsersAsync(normalized, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.DeleteUser] = async (args, ct) =>
        {
            var user = ReadUser(GuestMethods.DeleteUser, RpcArguments.Read(GuestMethods.DeleteUser, args, json.UserRef));
            await Administer(engine, GuestMethods.DeleteUser, DatastoreCapabilities.Users,
                async a => { await a.DeleteUserAsync(user, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.ChangePasswords] = async (args, ct) =>
        {
            var change = RpcArguments.Read(GuestMethods.ChangePasswords, args, json.ChangePasswordsArgs);
            var users = NonEmpty(GuestMethods.ChangePasswords, "users", change.Users);
            if (users.Any(u => string.IsNullOrEmpty(u?.Name) || string.IsNullOrEmpty(u.Password)))
                throw new RpcArgumentException($"{GuestMethods.ChangePasswords}: every user needs a name and a password");
            await Administer(engine, GuestMethods.ChangePasswords, DatastoreCapabilities.Users,
                async a => { await a.ChangePasswordsAsync(users, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.UpdateAttributes] = async (args, ct) =>
        {
            var update = RpcArguments.Read(GuestMethods.UpdateAttributes, args, json.UpdateUserArgs);
            var user = ReadUser(GuestMethods.UpdateAttributes, update.User);
            if (update.NewName is null && update.NewHost is null && update.NewPassword is null)
                throw new RpcArgumentException($"{GuestMethods.UpdateAttributes}: give at least one of new_name, new_host and new_password");
            if (update.NewName is not null) RequireCapability(manager, GuestMethods.UpdateAttributes, DatastoreCapabilities.RenameUsers);
            if (update.NewHost is not null) RequireCapability(manager, GuestMethods.UpdateAttributes, DatastoreCapabilities.UserHost);
            await Administer(engine, GuestMethods.UpdateAttributes, DatastoreCapabilities.Users,
                async a => { await a.UpdateUserAsync(update with { User = user }, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.GrantAccess] = async (args, ct) =>
        {
            var grant = RpcArguments.Read(GuestMethods.GrantAccess, args, json.GrantAccessArgs);
            var user = ReadUser(GuestMethods.GrantAccess, grant.User);
            var databases = NonEmpty(GuestMethods.GrantAccess, "databases", grant.Databases);
            foreach (var database in databases) Required(GuestMethods.GrantAccess, "databases[]", database);
            await Administer(engine, GuestMethods.GrantAccess, DatastoreCapabilities.UserAccess,
                async a => { await a.GrantAccessAsync(user, databases, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.RevokeAccess] = async (args, ct) =>
        {
            var revoke = RpcArguments.Read(GuestMethods.RevokeAccess, args, json.RevokeAccessArgs);
            var user = ReadUser(GuestMethods.RevokeAccess, revoke.User);
            Required(GuestMethods.RevokeAccess, "database", revoke.Database);
            await Administer(engine, GuestMethods.RevokeAccess, DatastoreCapabilities.UserAccess,
                async a => { await a.RevokeAccessAsync(user, revoke.Database, ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.EnableRoot] = async (args, ct) =>
        {
            var enable = args is { ValueKind: JsonValueKind.Object }
                ? RpcArguments.Read(GuestMethods.EnableRoot, args, json.EnableRootArgs)
                : new EnableRootArgs(null);
            if (enable.Password is "") throw new RpcArgumentException($"{GuestMethods.EnableRoot}: password must not be empty");
            return JsonSerializer.SerializeToElement(
                await Administer(engine, GuestMethods.EnableRoot, DatastoreCapabilities.Root, a => a.EnableRootAsync(enable.Password, ct), ct),
                json.RootCredentials);
        };

        methods[GuestMethods.DisableRoot] = async (_, ct) =>
        {
            await Administer(engine, GuestMethods.DisableRoot, DatastoreCapabilities.Root,
                async a => { await a.DisableRootAsync(ct); return true; }, ct);
            return Done;
        };

        methods[GuestMethods.IsRootEnabled] = async (_, ct) => JsonSerializer.SerializeToElement(
            new RootStatus(await Administer(engine, GuestMethods.IsRootEnabled, DatastoreCapabilities.Root, a => a.IsRootEnabledAsync(ct), ct)),
            json.RootStatus);
    }

    static Task<T> Administer<T>(EngineControl engine, string method, string capability,
        Func<Datastores.IAccessAdministration, Task<T>> work, CancellationToken cancellationToken)
    {
        RequireCapability(engine.Plugin.Manager, method, capability);
        return engine.AdministerAsync(method, work, cancellationToken);
    }

    static void RequireCapability(string manager, string method, string capability)
    {
        if (!DatastoreCapabilities.Supports(manager, capability))
            throw new NotSupportedException($"{manager}: {method} is not supported by this datastore (it lacks {capability})");
    }

    static UserRef ReadUser(string method, UserRef? user)
    {
        if (user is null || string.IsNullOrEmpty(user.Name))
            throw new RpcArgumentException($"{method}: user.name is required");
        return user;
    }

    static IReadOnlyList<T> NonEmpty<T>(string method, string field, IReadOnlyList<T>? values)
    {
        if (values is null || values.Count == 0) throw new RpcArgumentException($"{method}: {field} must not be empty");
        return values;
    }

    static void Required(string method, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) throw new RpcArgumentException($"{method}: {field} is required");
    }
}
