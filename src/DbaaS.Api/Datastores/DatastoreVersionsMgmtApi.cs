using DbaaS.Api.Http;
using DbaaS.Api.Identity;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;

namespace DbaaS.Api.Datastores;

/// <summary>Admin management of datastore versions and of the parameters each accepts.</summary>
public static class DatastoreVersionsMgmtApi
{
    public static RouteGroupBuilder MapDatastoreVersionsMgmtApi(this RouteGroupBuilder tenant)
    {
        var versions = tenant.MapGroup("/mgmt/datastore-versions").WithTags("Management: datastore versions").RequireAdmin();
        versions.MapGet("", List).WithName("MgmtListDatastoreVersions").WithSummary("List all datastore versions");
        versions.MapPost("", Create).WithName("MgmtCreateDatastoreVersion").WithSummary("Create a datastore version");
        versions.MapGet("/{version_id}", Show).WithName("MgmtShowDatastoreVersion").WithSummary("Show a datastore version");
        versions.MapPatch("/{version_id}", Update).WithName("MgmtUpdateDatastoreVersion").WithSummary("Change a datastore version");
        versions.MapDelete("/{version_id}", Delete).WithName("MgmtDeleteDatastoreVersion").WithSummary("Delete a datastore version");

        var parameters = tenant.MapGroup("/mgmt/datastores/versions/{version_id}/parameters")
            .WithTags("Management: configuration parameters").RequireAdmin();
        parameters.MapGet("", ListParameters).WithName("MgmtListParameters").WithSummary("List a version's configuration parameters");
        parameters.MapPost("", CreateParameter).WithName("MgmtCreateParameter").WithSummary("Create a configuration parameter");
        parameters.MapGet("/{name}", ShowParameter).WithName("MgmtShowParameter").WithSummary("Show a configuration parameter");
        parameters.MapPut("/{name}", UpdateParameter).WithName("MgmtUpdateParameter").WithSummary("Replace a configuration parameter's rule");
        parameters.MapDelete("/{name}", DeleteParameter).WithName("MgmtDeleteParameter").WithSummary("Delete a configuration parameter");
        return tenant;
    }

    private static async Task<IResult> List(HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        return Results.Json(new { versions = catalog.Versions.Select(v => DatastoreViews.MgmtVersion(v, catalog)) });
    }

    private static async Task<IResult> Show(string version_id, HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        return Results.Json(new { version = DatastoreViews.MgmtVersion(DatastoresApi.FindVersion(catalog, version_id), catalog) });
    }

    private static async Task<IResult> Create(HttpRequest request, CatalogAdmin admin)
    {
        var body = DatastoreRequests.ReadCreateVersion(await JsonBody.ReadAsync(request, request.HttpContext.RequestAborted));
        await admin.CreateVersionAsync(body, request.HttpContext.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> Update(string version_id, HttpRequest request, CatalogAdmin admin)
    {
        var changes = DatastoreRequests.ReadUpdateVersion(await JsonBody.ReadAsync(request, request.HttpContext.RequestAborted));
        await admin.UpdateVersionAsync(ParseId(version_id), changes, request.HttpContext.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> Delete(string version_id, HttpRequest request, CatalogAdmin admin)
    {
        await admin.DeleteVersionAsync(ParseId(version_id), request.HttpContext.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> ListParameters(string version_id, HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var version = DatastoresApi.FindVersion(catalog, version_id);
        return Results.Json(new Dictionary<string, object>
        {
            ["configuration-parameters"] = catalog.ParametersOf(version).Select(DatastoreViews.MgmtParameter).ToArray(),
        });
    }

    private static async Task<IResult> ShowParameter(string version_id, string name, HttpRequest request, CatalogCache cache)
    {
        var catalog = await cache.GetAsync(request.HttpContext.RequestAborted);
        var version = DatastoresApi.FindVersion(catalog, version_id);
        var parameter = catalog.ParametersOf(version).FirstOrDefault(p => p.Name == name)
                        ?? throw new NotFoundException($"Configuration parameter {name} cannot be found for datastore version {version_id}.");
        return Results.Json(DatastoreViews.MgmtParameter(parameter));
    }

    private static async Task<IResult> CreateParameter(string version_id, HttpRequest request, CatalogAdmin admin)
    {
        var rule = DatastoreRequests.ReadParameter(await JsonBody.ReadAsync(request, request.HttpContext.RequestAborted));
        var parameter = await admin.CreateParameterAsync(ParseId(version_id), rule, request.HttpContext.RequestAborted);
        return Results.Json(new Dictionary<string, object>
        {
            ["configuration-parameters"] = new[] { DatastoreViews.Parameter(parameter) },
        });
    }

    private static async Task<IResult> UpdateParameter(string version_id, string name, HttpRequest request, CatalogAdmin admin)
    {
        var rule = DatastoreRequests.ReadParameter(await JsonBody.ReadAsync(request, request.HttpContext.RequestAborted));
        var parameter = await admin.UpdateParameterAsync(ParseId(version_id), name, rule, request.HttpContext.RequestAborted);
        return Results.Json(DatastoreViews.MgmtParameter(parameter));
    }

    private static async Task<IResult> DeleteParameter(string version_id, string name, HttpRequest request, CatalogAdmin admin)
    {
        await admin.DeleteParameterAsync(ParseId(version_id), name, request.HttpContext.RequestAborted);
        return Results.Accepted();
    }

    private static Guid ParseId(string versionId) =>
        Guid.TryParse(versionId, out var id) ? id : throw new NotFoundException($"Datastore version '{versionId}' cannot be found.");
}
