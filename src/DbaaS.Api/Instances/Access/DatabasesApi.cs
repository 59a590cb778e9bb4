using DbaaS.Api.Http;
using DbaaS.Core.Access;

namespace DbaaS.Api.Instances.Access;

/// <summary>Trove's databases extension: the databases inside an instance.</summary>
public static class DatabasesApi
{
    public static RouteGroupBuilder MapDatabasesApi(this RouteGroupBuilder tenant)
    {
        var databases = tenant.MapGroup("/instances/{instance_id}/databases").WithTags("Databases");
        databases.MapGet("", List).WithName("InstanceListDatabases").WithSummary("List the databases of an instance");
        databases.MapPost("", Create).WithName("InstanceCreateDatabases").WithSummary("Create databases in an instance");
        databases.MapGet("/{database_name}", Show).WithName("InstanceShowDatabase").WithSummary("Show a database of an instance");
        databases.MapDelete("/{database_name}", Delete).WithName("InstanceDeleteDatabase").WithSummary("Delete a database of an instance");
        return tenant;
    }

    static async Task<IResult> List(string tenant_id, string instance_id, int? limit, string? marker, HttpRequest request, DatabaseAccess access, PublicUrls urls)
    {
        var page = await access.ListAsync(tenant_id, instance_id, limit, marker, request.HttpContext.RequestAborted);
        return Results.Json(new
        {
            databases = page.Items.Select(AccessViews.Database),
            links = AccessViews.NextLinks(request, urls, tenant_id, instance_id, "databases", limit, page.NextMarker),
        });
    }

    static async Task<IResult> Create(string tenant_id, string instance_id, HttpContext http, DatabaseAccess access)
    {
        var databases = AccessRequests.ReadDatabases(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        await access.CreateAsync(tenant_id, instance_id, databases, http.RequestAborted);
        return Results.Accepted();
    }

    static async Task<IResult> Show(string tenant_id, string instance_id, string database_name, HttpContext http, DatabaseAccess access)
    {
        var database = await access.GetAsync(tenant_id, instance_id, database_name, http.RequestAborted);
        return Results.Json(new { database = AccessViews.Database(database) });
    }

    static async Task<IResult> Delete(string tenant_id, string instance_id, string database_name, HttpContext http, DatabaseAccess access)
    {
        await access.DeleteAsync(tenant_id, instance_id, database_name, http.RequestAborted);
        return Results.Accepted();
    }
}
