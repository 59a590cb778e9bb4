using DbaaS.Api.Http;
using DbaaS.Core.Datastores;

namespace DbaaS.Api.Datastores;

public static class DatastoreRequests
{
    /// <summary><c>POST /mgmt/datastore-versions</c>, Trove's datastore-version-create-request.</summary>
    public static NewDatastoreVersion ReadCreateVersion(JsonFields body)
    {
        var version = body.Object("version");
        var name = version.String("name", 255).Trim();
        var request = new NewDatastoreVersion(
            DatastoreName: version.String("datastore_name", 255).Trim(),
            Manager: version.String("datastore_manager", 255),
            Name: name,
            Version: version.OptionalString("version", 255) ?? name,
            ImageId: version.OptionalString("image", 255),
            ImageTags: version.OptionalStringList("image_tags") ?? [],
            Packages: version.OptionalStringList("packages") ?? [],
            Active: version.OptionalBool("active") ?? throw version.Invalid("active", "is required (true or false)"),
            Default: version.OptionalBool("default") ?? false);
        version.OptionalString("registry_ext", 1024);
        version.OptionalString("repl_strategy", 1024);
        version.RejectUnknown();
        body.RejectUnknown();
        return request;
    }

    /// <summary><c>PATCH /mgmt/datastore-versions/{id}</c>: the fields to change, at the top level as Trove sends them.</summary>
    public static DatastoreVersionChanges ReadUpdateVersion(JsonFields body)
    {
        var clearImage = body.IsNull("image");
        var changes = new DatastoreVersionChanges(
            Name: body.OptionalString("name", 255)?.Trim(),
            Version: body.OptionalString("version", 255),
            Manager: body.OptionalString("datastore_manager", 255),
            ImageId: clearImage ? null : body.OptionalString("image", 255),
            ClearImage: clearImage,
            ImageTags: body.OptionalStringList("image_tags"),
            Packages: body.OptionalStringList("packages"),
            Active: body.OptionalBool("active"),
            Default: body.OptionalBool("default"));
        body.RejectUnknown();
        if (!body.Names.Any()) throw body.Invalid("name", "the body names nothing to change");
        return changes;
    }

    /// <summary>Trove's <c>configuration-parameter</c> body, plus our extensions (dynamic, default, allowed_values, unit, description).</summary>
    public static ParameterRule ReadParameter(JsonFields body)
    {
        var parameter = body.Object("configuration-parameter");
        var rule = new ParameterRule(
            Name: ReadParameterName(parameter),
            DataType: parameter.String("data_type", 32),
            Min: parameter.OptionalNumber("min_size"),
            Max: parameter.OptionalNumber("max_size"),
            RestartRequired: parameter.OptionalBool("restart_required") ?? throw parameter.Invalid("restart_required", "is required (true/false or 1/0)"),
            Dynamic: parameter.OptionalBool("dynamic"),
            Default: parameter.OptionalString("default", 1024, allowEmpty: true),
            AllowedValues: parameter.OptionalStringList("allowed_values", 256),
            Unit: parameter.OptionalString("unit", 32),
            Description: parameter.OptionalString("description", 2048));
        parameter.RejectUnknown();
        body.RejectUnknown();
        return rule;
    }

    private static string ReadParameterName(JsonFields parameter)
    {
        var name = parameter.String("name", 128);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw parameter.Invalid("name", "may contain only letters, digits, '_', '-' and '.'");
        return name;
    }
}
