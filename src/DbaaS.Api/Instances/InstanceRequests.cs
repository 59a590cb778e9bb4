using DbaaS.Api.Http;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Errors;
using DbaaS.Core.Instances;

namespace DbaaS.Api.Instances;

/// <summary>Trove's request shapes for instances, read strictly: an unknown field or a wrong type is a 400 naming it.</summary>
public static class InstanceRequests
{
    /// <summary>
    /// Fields OpenStack clients may send that have no meaning for a DbaaS server placed by our compute drivers
    /// (networks and zones are the driver's business): accepted and not used.
    /// </summary>
    static readonly string[] PlacementHints = ["nics", "availability_zone", "region_name"];

    public static CreateInstanceRequest ReadCreate(JsonFields body)
    {
        var instance = body.Object("instance");
        body.RejectUnknown();
        var name = instance.String("name");
        var flavorRef = instance.StringOrNumber("flavorRef", 64);
        var volume = instance.OptionalObject("volume") ?? throw instance.Invalid("volume", "is required: give volume.size in GB");
        var size = volume.Int("size", 1, int.MaxValue);
        // troveclient always sends "type" (null unless --volume_type); we have one kind of volume.
        if (volume.OptionalString("type") is { } volumeType)
            throw volume.Invalid("type", $"volume type '{volumeType}' is not offered: volumes have no types here");
        volume.RejectUnknown();
        string? type = null, version = null;
        if (instance.OptionalObject("datastore") is { } datastore)
        {
            type = datastore.OptionalString("type");
            version = datastore.OptionalString("version");
            datastore.RejectUnknown();
        }
        var databases = instance.OptionalObjectList("databases").Select(ReadDatabase).ToList();
        var users = instance.OptionalObjectList("users").Select(ReadUser).ToList();
        foreach (var hint in PlacementHints) instance.Ignore(hint);
        instance.RejectUnknown();
        return new CreateInstanceRequest(name, flavorRef, size, type, version, databases, users);
    }

    public static string ReadRename(JsonFields body)
    {
        var instance = body.Object("instance");
        body.RejectUnknown();
        var name = instance.String("name");
        instance.RejectUnknown();
        return name;
    }

    public static DatabaseSpec ReadDatabase(JsonFields database)
    {
        var spec = new DatabaseSpec(database.String("name", 64), database.OptionalString("character_set", 64), database.OptionalString("collate", 64));
        database.RejectUnknown();
        return spec;
    }

    public static UserSpec ReadUser(JsonFields user)
    {
        var name = user.String("name", 64);
        var password = user.OptionalString("password", 128, allowEmpty: true) ?? throw user.Invalid("password", "is required");
        var host = user.OptionalString("host", 255);
        var databases = user.OptionalObjectList("databases").Select(d =>
        {
            var dbName = d.String("name", 64);
            d.RejectUnknown();
            return dbName;
        }).ToList();
        user.RejectUnknown();
        return new UserSpec(name, password, host, databases);
    }

    /// <summary>The one action in a POST /action body: Trove takes exactly one key.</summary>
    public static (string Action, JsonFields Args) ReadAction(JsonFields body, IReadOnlyCollection<string> known)
    {
        var names = body.Names.ToList();
        if (names.Count != 1)
            throw new BadRequestException($"The action body must hold exactly one action, one of: {string.Join(", ", known)}.");
        var action = names[0];
        if (!known.Contains(action))
            throw new BadRequestException($"Unknown action '{action}'; known actions: {string.Join(", ", known)}.");
        var args = body.OptionalObject(action) ?? throw body.Invalid(action, "must be an object");
        body.RejectUnknown();
        return (action, args);
    }
}
