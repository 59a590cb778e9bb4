using DbaaS.Api.Http;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Access;
using DbaaS.Core.Errors;

namespace DbaaS.Api.Instances.Access;

/// <summary>The request bodies of the database, user and root routes (Trove's shapes), checked for shape; the engine's rules come after.</summary>
public static class AccessRequests
{
    const int MaxItems = DatabaseAccess.MaxPerRequest;

    /// <summary><c>{"databases": [{"name", "character_set"?, "collate"?}]}</c>, 1 to 100 of them.</summary>
    public static IReadOnlyList<DatabaseSpec> ReadDatabases(JsonFields body)
    {
        var databases = RequiredList(body, "databases").Select(InstanceRequests.ReadDatabase).ToList();
        body.RejectUnknown();
        return databases;
    }

    /// <summary><c>{"users": [{"name", "password", "host"?, "databases"?: [{"name"}]}]}</c>.</summary>
    public static IReadOnlyList<UserSpec> ReadUsers(JsonFields body)
    {
        var users = RequiredList(body, "users").Select(InstanceRequests.ReadUser).ToList();
        body.RejectUnknown();
        return users;
    }

    /// <summary>Bulk password change: <c>{"users": [{"name", "password", "host"?}]}</c>.</summary>
    public static IReadOnlyList<UserPassword> ReadPasswords(JsonFields body)
    {
        var users = RequiredList(body, "users").Select(user =>
        {
            var name = user.String("name", 64);
            var password = user.OptionalString("password", EngineObjectRules.MaxPasswordLength, allowEmpty: true) ?? throw user.Invalid("password", "is required");
            var host = user.OptionalString("host", 255);
            user.RejectUnknown();
            return new UserPassword(name, host, password);
        }).ToList();
        body.RejectUnknown();
        return users;
    }

    /// <summary><c>{"user": {"name"?, "host"?, "password"?}}</c>: at least one.</summary>
    public static UserUpdate ReadUpdate(JsonFields body)
    {
        var user = body.Object("user");
        body.RejectUnknown();
        var update = new UserUpdate(
            user.OptionalString("name", 64),
            user.OptionalString("host", 255),
            user.OptionalString("password", EngineObjectRules.MaxPasswordLength, allowEmpty: true));
        user.RejectUnknown();
        if (update is { NewName: null, NewHost: null, NewPassword: null })
            throw new BadRequestException("Give at least one of user.name, user.host and user.password.");
        return update;
    }

    /// <summary>Grant: <c>{"databases": [{"name"}]}</c>.</summary>
    public static IReadOnlyList<string> ReadGrant(JsonFields body)
    {
        var databases = RequiredList(body, "databases").Select(database =>
        {
            var name = database.String("name", 64);
            database.RejectUnknown();
            return name;
        }).ToList();
        body.RejectUnknown();
        return databases;
    }

    /// <summary>Enable root: no body, or <c>{"password": ...}</c> (null or absent: the guest generates one).</summary>
    public static async Task<string?> ReadRootPasswordAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HasBody(request)) return null;
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var password = body.OptionalString("password", EngineObjectRules.MaxPasswordLength, allowEmpty: true);
        body.RejectUnknown();
        return password;
    }

    /// <summary>
    /// A revoke names everything in its path, so its body must be absent or <c>{}</c>. Trove ignored whatever was sent,
    /// which let a client believe a body field had an effect.
    /// </summary>
    public static async Task RejectBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HasBody(request)) return;
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.RejectUnknown();
    }

    static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    static IReadOnlyList<JsonFields> RequiredList(JsonFields body, string name)
    {
        if (!body.Has(name) || body.IsNull(name)) throw new BadRequestException($"Missing field '{name}': a list of 1 to {MaxItems} objects is required.");
        var items = body.OptionalObjectList(name, MaxItems);
        if (items.Count == 0) throw body.Invalid(name, $"must list 1 to {MaxItems} items");
        return items;
    }
}
