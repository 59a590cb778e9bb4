using DbaaS.Api.Http;
using DbaaS.Core.Access;

namespace DbaaS.Api.Instances.Access;

/// <summary>Trove's users extension: the users inside an instance. <c>{user_name}</c> is <c>name</c> or URL-encoded <c>name@host</c>.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder tenant)
    {
        var users = tenant.MapGroup("/instances/{instance_id}/users").WithTags("Users");
        users.MapGet("", List).WithName("InstanceListUsers").WithSummary("List the users of an instance");
        users.MapPost("", Create).WithName("InstanceCreateUsers").WithSummary("Create users in an instance");
        users.MapPut("", ChangePasswords).WithName("InstanceChangeUserPasswords").WithSummary("Change the passwords of users");
        users.MapGet("/{user_name}", Show).WithName("InstanceShowUser").WithSummary("Show a user of an instance");
        users.MapPut("/{user_name}", Update).WithName("InstanceUpdateUser").WithSummary("Rename a user, move it to another host or set its password");
        users.MapDelete("/{user_name}", Delete).WithName("InstanceDeleteUser").WithSummary("Delete a user of an instance");
        return tenant;
    }

    static async Task<IResult> List(string tenant_id, string instance_id, int? limit, string? marker, HttpRequest request, UserAccess access, PublicUrls urls)
    {
        var page = await access.ListAsync(tenant_id, instance_id, limit, marker, request.HttpContext.RequestAborted);
        return Results.Json(new
        {
            users = page.Items.Select(AccessViews.User),
            links = AccessViews.NextLinks(request, urls, tenant_id, instance_id, "users", limit, page.NextMarker),
        });
    }

    static async Task<IResult> Create(string tenant_id, string instance_id, HttpContext http, UserAccess access)
    {
        var users = AccessRequests.ReadUsers(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        await access.CreateAsync(tenant_id, instance_id, users, http.RequestAborted);
        return Results.Accepted();
    }

    static async Task<IResult> ChangePasswords(string tenant_id, string instance_id, HttpContext http, UserAccess access)
    {
        var users = AccessRequests.ReadPasswords(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        await access.ChangePasswordsAsync(tenant_id, instance_id, users, http.RequestAborted);
        return Results.Accepted();
    }

    static async Task<IResult> Show(string tenant_id, string instance_id, string user_name, HttpContext http, UserAccess access)
    {
        var user = await access.GetAsync(tenant_id, instance_id, UserName.Parse(user_name), http.RequestAborted);
        return Results.Json(new { user = AccessViews.User(user) });
    }

    static async Task<IResult> Update(string tenant_id, string instance_id, string user_name, HttpContext http, UserAccess access)
    {
        var update = AccessRequests.ReadUpdate(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        await access.UpdateAsync(tenant_id, instance_id, UserName.Parse(user_name), update, http.RequestAborted);
        return Results.Accepted();
    }

    static async Task<IResult> Delete(string tenant_id, string instance_id, string user_name, HttpContext http, UserAccess access)
    {
        await access.DeleteAsync(tenant_id, instance_id, UserName.Parse(user_name), http.RequestAborted);
        return Results.Accepted();
    }
}
