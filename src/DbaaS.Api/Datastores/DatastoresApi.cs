using System.Text.Json;
using DbaaS.Api.Flavors;
using DbaaS.Api.Http;
using DbaaS.Api.Identity;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;

namespace DbaaS.Api.Datastores;

/// <summary>Tenant-facing catalog: datastores, their versions, the flavors and parameters each version accepts.</summary>
public static class DatastoresApi
{
    public static RouteGroupBuilder MapDatastoresApi(this RouteGroupBuilder tenant)
    {
        var datastores = tenant.MapGroup("/datastores").WithTags("Datastores");
        datastores.MapGet("", List).WithName("ListDatastores").WithSummary("List datastores");
        datastores.MapGet("/{datastore_id}", Show).WithName("ShowDatastore").WithSummary("Show a datastore");
        datastores.MapDelete("/{datastore_id}", Delete).RequireAdmin().WithName("DeleteDatastore").WithSummary("Delete a datastore");

        datastores.MapGet("/{datastore_id}/versions", ListVersions).WithName("ListDatastoreVersions").WithSummary("List a datastore's versions");
        datastores.MapGet("/{datastore_id}/versions/{version_id}", ShowVersion)
            .WithName("ShowDatastoreVersion").WithSummary("Show a datastore version");
        datastores.MapGet("/versions/{version_id}", ShowVersionById)
            .WithName("ShowDatastoreVersionById").WithSummary("Show a datastore version by id");

        datastores.MapGet("/{datastore_id}/versions/{version_id}/flavors", VersionFlavors)
            .WithName("ListVersionFlavors").WithSummary("List the flavors a datastore version accepts");
        datastores.MapGet("/versions/{version_id}/flavors", VersionFlavorsById)
            .WithName("ListVersionFlavorsById").WithSummary("List the flavors a datastore version accepts, by version id");

        datastores.MapGet("/{datastore_id}/versions/{version_id}/parameters", ListParameters)
            .WithName("ListVersionParameters").WithSummary("List a datastore version's configuration parameters");
        datastores.MapGet("/{datastore_id}/versions/{version_id}/parameters/{name}", ShowParameter)
            .WithName("ShowVersionParameter").WithSummary("Show a configuration parameter");
        datastores.MapGet("/versions/{version_id}/parameters", ListParametersById)
            .WithName("ListVersionParametersById").WithSummary("List a datastore version's configuration parameters, by version id");
        datastores.MapGet("/versions/{version_id}/parameters/{name}", ShowParameterById)
            .WithName("ShowVersionParameterById").WithSummary("Show a configuration parameter, by version id");
        return tenant;
    }

    private static async Task<IResult> List(string tenant_id, HttpRequest request, CatalogCache cache, PublicUrls urls)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        // As Trove: a datastore with no active version offers nothing to create, so it is not listed.
        var visible = catalog.Datastores.Where(d => catalog.VersionsOf(d, activeOnly: true).Any());
        var body = catalog.Rendered($"datastores|{tenant_id}|{urls.Base(request)}", () =>
            JsonSerializer.SerializeToUtf8Bytes(new { datastores = visible.Select(d => DatastoreViews.Datastore(d, catalog, request, urls, tenant_id)) }));
        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    private static async Task<IResult> Show(string tenant_id, string datastore_id, HttpRequest request, CatalogCache cache, PublicUrls urls)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var datastore = FindDatastore(catalog, datastore_id);
        return Results.Json(new { datastore = DatastoreViews.Datastore(datastore, catalog, request, urls, tenant_id) });
    }

    private static async Task<IResult> Delete(string datastore_id, HttpRequest request, CatalogCache cache, CatalogAdmin admin)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        await admin.DeleteDatastoreAsync(FindDatastore(catalog, datastore_id).Id, request.HttpContext.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> ListVersions(string tenant_id, string datastore_id, HttpRequest request, CatalogCache cache, PublicUrls urls)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var datastore = FindDatastore(catalog, datastore_id);
        return Results.Json(new
        {
            versions = catalog.VersionsOf(datastore, activeOnly: true).Select(v => DatastoreViews.VersionSummary(v, request, urls, tenant_id)),
        });
    }

    private static async Task<IResult> ShowVersion(string tenant_id, string datastore_id, string version_id, HttpRequest request, CatalogCache cache, PublicUrls urls)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var version = FindVersion(catalog, datastore_id, version_id);
        return Results.Json(new { version = DatastoreViews.Version(version, catalog, request, urls, tenant_id) });
    }

    private static async Task<IResult> ShowVersionById(string tenant_id, string version_id, HttpRequest request, CatalogCache cache, PublicUrls urls)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var version = FindVersion(catalog, version_id);
        return Results.Json(new { version = DatastoreViews.Version(version, catalog, request, urls, tenant_id) });
    }

    private static async Task<IResult> VersionFlavors(string tenant_id, string datastore_id, string version_id, HttpRequest request, CatalogCache cache, PublicUrls urls)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var version = FindVersion(catalog, datastore_id, version_id);
        return Results.Json(new { flavors = catalog.FlavorsFor(version).Select(f => FlavorViews.Flavor(f, request, urls, tenant_id)) });
    }

    private static async Task<IResult> VersionFlavorsById(string tenant_id, string version_id, HttpRequest request, CatalogCache cache, PublicUrls urls)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var version = FindVersion(catalog, version_id);
        return Results.Json(new { flavors = catalog.FlavorsFor(version).Select(f => FlavorViews.Flavor(f, request, urls, tenant_id)) });
    }

    private static async Task<IResult> ListParameters(string datastore_id, string version_id, HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        return ParameterList(catalog, FindVersion(catalog, datastore_id, version_id));
    }

    private static async Task<IResult> ListParametersById(string version_id, HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        return ParameterList(catalog, FindVersion(catalog, version_id));
    }

    private static async Task<IResult> ShowParameter(string datastore_id, string version_id, string name, HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        return OneParameter(catalog, FindVersion(catalog, datastore_id, version_id), name);
    }

    private static async Task<IResult> ShowParameterById(string version_id, string name, HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        return OneParameter(catalog, FindVersion(catalog, version_id), name);
    }

    private static IResult ParameterList(CatalogSnapshot catalog, DatastoreVersion version) =>
        Results.Json(new Dictionary<string, object>
        {
            ["configuration-parameters"] = catalog.ParametersOf(version).Select(DatastoreViews.Parameter).ToArray(),
        });

    private static IResult OneParameter(CatalogSnapshot catalog, DatastoreVersion version, string name)
    {
        var parameter = catalog.ParametersOf(version).FirstOrDefault(p => p.Name == name)
                        ?? throw new NotFoundException($"No configuration parameter named {name} for datastore version {version.Name}.");
        return Results.Json(DatastoreViews.Parameter(parameter));
    }

    public static Datastore FindDatastore(CatalogSnapshot catalog, string idOrName) =>
        catalog.FindDatastore(idOrName) ?? throw new NotFoundException($"Datastore '{idOrName}' cannot be found.");

    public static DatastoreVersion FindVersion(CatalogSnapshot catalog, string datastoreIdOrName, string versionIdOrName) =>
        catalog.FindVersion(FindDatastore(catalog, datastoreIdOrName), versionIdOrName)
        ?? throw new NotFoundException($"Datastore version '{versionIdOrName}' cannot be found in datastore '{datastoreIdOrName}'.");

    public static DatastoreVersion FindVersion(CatalogSnapshot catalog, string versionId) =>
        (Guid.TryParse(versionId, out var id) ? catalog.FindVersion(id) : null)
        ?? throw new NotFoundException($"Datastore version '{versionId}' cannot be found.");
}
