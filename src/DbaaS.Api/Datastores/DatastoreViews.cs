using System.Globalization;
using DbaaS.Api.Http;
using DbaaS.Contracts.Datastores;
using DbaaS.Core.Datastores;

namespace DbaaS.Api.Datastores;

/// <summary>Trove's datastore, version and parameter shapes (see the trove-api-samples), plus our extensions.</summary>
public static class DatastoreViews
{
    public static object Datastore(Datastore datastore, CatalogSnapshot catalog, HttpRequest request, PublicUrls urls, string tenantId)
    {
        var view = new Dictionary<string, object?>
        {
            ["id"] = datastore.Id,
            ["name"] = datastore.Name,
            ["links"] = urls.SelfAndBookmark(request, tenantId, $"datastores/{datastore.Id}"),
            ["versions"] = catalog.VersionsOf(datastore, activeOnly: true).Select(v => new
            {
                id = v.Id,
                name = v.Name,
                links = urls.SelfAndBookmark(request, tenantId, $"datastores/versions/{v.Id}"),
            }).ToArray(),
        };
        if (datastore.DefaultVersionId is { } defaultVersion) view["default_version"] = defaultVersion;
        return view;
    }

    public static object VersionSummary(DatastoreVersion version, HttpRequest request, PublicUrls urls, string tenantId) => new
    {
        id = version.Id,
        name = version.Name,
        datastore = version.DatastoreId,
        version = version.Version,
        capabilities = DatastoreCapabilities.For(version.Manager),
        links = urls.SelfAndBookmark(request, tenantId, $"datastores/versions/{version.Id}"),
    };

    public static object Version(DatastoreVersion version, CatalogSnapshot catalog, HttpRequest request, PublicUrls urls, string tenantId) => new
    {
        id = version.Id,
        name = version.Name,
        datastore = version.DatastoreId,
        datastore_name = catalog.DatastoreOf(version).Name,
        version = version.Version,
        active = version.Active,
        // Not "manager": troveclient copies every field onto its Resource and "manager" would replace its own.
        datastore_manager = version.Manager,
        packages = string.Join(",", version.Packages),
        image = version.ImageId,
        image_tags = version.ImageTags,
        // Our extension (the capabilities API Trove planned): what the datastore's plugin does with databases, users and root.
        capabilities = DatastoreCapabilities.For(version.Manager),
        links = urls.SelfAndBookmark(request, tenantId, $"datastores/versions/{version.Id}"),
    };

    public static object MgmtVersion(DatastoreVersion version, CatalogSnapshot catalog)
    {
        var datastore = catalog.DatastoreOf(version);
        return new
        {
            id = version.Id,
            name = version.Name,
            version = version.Version,
            datastore_id = datastore.Id,
            datastore_name = datastore.Name,
            datastore_manager = version.Manager,
            image = version.ImageId,
            image_tags = version.ImageTags,
            packages = version.Packages,
            active = version.Active,
            @default = datastore.DefaultVersionId == version.Id,
        };
    }

    public static Dictionary<string, object?> Parameter(ConfigurationParameter parameter)
    {
        var view = new Dictionary<string, object?>
        {
            ["datastore_version_id"] = parameter.DatastoreVersionId,
            ["name"] = parameter.Name,
            ["type"] = parameter.DataType,
            ["restart_required"] = parameter.RestartRequired,
            ["dynamic"] = parameter.Dynamic,
            ["default"] = parameter.DefaultValue,
            ["allowed_values"] = parameter.AllowedValues,
            ["unit"] = parameter.Unit,
            ["description"] = parameter.Description,
        };
        if (parameter.MinValue is { } min) view["min"] = Number(min, parameter.DataType);
        if (parameter.MaxValue is { } max) view["max"] = Number(max, parameter.DataType);
        return view;
    }

    /// <summary>The management view adds Trove's raw column names (min_size, max_size, deleted).</summary>
    public static Dictionary<string, object?> MgmtParameter(ConfigurationParameter parameter)
    {
        var view = Parameter(parameter);
        view["min_size"] = parameter.MinValue is { } min ? Number(min, parameter.DataType) : null;
        view["max_size"] = parameter.MaxValue is { } max ? Number(max, parameter.DataType) : null;
        view["deleted"] = parameter.Deleted ? 1 : 0;
        view["deleted_at"] = parameter.DeletedAt?.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        return view;
    }

    private static object Number(decimal value, string dataType) =>
        dataType == ParameterTypes.Integer && value == decimal.Truncate(value) && value is >= long.MinValue and <= long.MaxValue
            ? (long)value
            : (double)value;
}
