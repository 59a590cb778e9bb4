using DbaaS.Api.Http;
using DbaaS.Core.Access;

namespace DbaaS.Api.Instances.Access;

/// <summary>Trove's user access: which databases a user can reach, grant and revoke.</summary>
public static class UserAccessApi
{
    public static RouteGroupBuilder MapUserAccessApi(this RouteGroupBuilder tenant)
    {
        var access = tenant.MapGroup("/instances/{instance_id}/users/{user_name}/databases").WithTags("Users");
        access.MapGet("", List).WithName("ListUserAccess").WithSummary("List the databases a user can reach");
        access.MapPut("", Grant).WithName("GrantUserAccess").WithSummary("Grant a user access to databases");
        access.MapDelete("/{database_name}", Revoke).WithName("RevokeUserAccess").WithSummary("Revoke a user's access to a database");
        return tenant;
    }

    static async Task<IResult> List(string tenant_id, string instance_id, string user_name, HttpContext http, UserAccess access)
    {
        var databases = await access.DatabasesOfAsync(tenant_id, instance_id, UserName.Parse(user_name), http.RequestAborted);
        return Results.Json(new { databases = AccessViews.Databases(databases) });
    }

    static async Task<IResult> Grant(string tenant_id, string instance_id, string user_name, HttpContext http, UserAccess access)
    {
        var databases = AccessRequests.ReadGrant(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        await access.GrantAsync(tenant_id, instance_id, UserName.Parse(user_name), databases, http.RequestAborted);
        return Results.Accepted();
    }

    static async Task<IResult> Revoke(string tenant_id, string instance_id, string user_name, string database_name, HttpContext http, UserAccess access)
    {
        await AccessRequests.RejectBodyAsync(http.Request, http.RequestAborted);
        await access.RevokeAsync(tenant_id, instance_id, UserName.Parse(user_name), database_name, http.RequestAborted);
        return Results.Accepted();
    }
}
