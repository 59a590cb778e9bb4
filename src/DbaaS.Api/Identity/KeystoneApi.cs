using DbaaS.Api.Http;
using DbaaS.Core.Errors;
using DbaaS.Core.Identity;

namespace DbaaS.Api.Identity;

/// <summary>
/// The Keystone v3 subset OpenStack clients need to log in to DbaaS (<c>OS_AUTH_URL=.../v3</c>), plus the admin
/// routes for projects, users and role assignments that <c>dbaas project|user</c> and <c>openstack</c> use.
/// </summary>
public static class KeystoneApi
{
    private const string SubjectTokenHeader = "X-Subject-Token";

    public static IEndpointRouteBuilder MapKeystoneApi(this IEndpointRouteBuilder app)
    {
        var v3 = app.MapGroup("/v3").WithTags("Identity (Keystone v3)");
        v3.MapGet("", (HttpRequest request, PublicUrls urls) => Results.Json(KeystoneViews.Version(urls.Base(request))))
            .WithName("ShowIdentityVersion").WithSummary("Show the identity API version (v3)");

        v3.MapPost("/auth/tokens", IssueToken).WithName("IssueToken").WithSummary("Log in: issue a token");
        v3.MapGet("/auth/tokens", ShowToken).WithName("ShowToken").WithSummary("Show a token (X-Subject-Token)");
        v3.MapMethods("/auth/tokens", ["HEAD"], CheckToken).WithName("CheckToken").WithSummary("Check a token (X-Subject-Token)");
        v3.MapDelete("/auth/tokens", RevokeToken).WithName("RevokeToken").WithSummary("Revoke a token (X-Subject-Token)");
        v3.MapGet("/auth/projects", ListOwnProjects).WithName("ListOwnProjects").WithSummary("List the projects the token may use");

        v3.MapGet("/projects", ListProjects).WithName("ListProjects").WithSummary("List projects");
        v3.MapPost("/projects", CreateProject).WithName("CreateProject").WithSummary("Create a project");
        v3.MapGet("/projects/{project_id}", ShowProject).WithName("ShowProject").WithSummary("Show a project");
        v3.MapGet("/users", ListUsers).WithName("ListUsers").WithSummary("List users");
        v3.MapPost("/users", CreateUser).WithName("CreateUser").WithSummary("Create a user");
        v3.MapGet("/roles", ListRoles).WithName("ListRoles").WithSummary("List roles");
        v3.MapGet("/roles/{role_id}", ShowRole).WithName("ShowRole").WithSummary("Show a role");
        v3.MapGet("/users/{user_id}", ShowUser).WithName("ShowUser").WithSummary("Show a user");
        v3.MapGet("/projects/{project_id}/users/{user_id}/roles", ListUserRoles)
            .WithName("ListUserRoles").WithSummary("List a user's roles on a project");
        v3.MapPut("/projects/{project_id}/users/{user_id}/roles/{role_id}", AssignRole)
            .WithName("AssignRole").WithSummary("Grant a user a role on a project");
        v3.MapMethods("/projects/{project_id}/users/{user_id}/roles/{role_id}", ["HEAD"], CheckRole)
            .WithName("CheckRole").WithSummary("Check whether a user has a role on a project");
        v3.MapDelete("/projects/{project_id}/users/{user_id}/roles/{role_id}", UnassignRole)
            .WithName("UnassignRole").WithSummary("Revoke a user's role on a project");
        return app;
    }

    private static async Task<IResult> IssueToken(HttpContext http, IdentityStore store, PublicUrls urls)
    {
        var request = KeystoneRequests.ReadPasswordAuth(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        var issued = await store.IssueTokenAsync(request.UserId, request.UserName, request.UserDomainId, request.UserDomainName,
            request.Password, request.Scope, http.RequestAborted);
        http.Response.Headers[SubjectTokenHeader] = issued.Token;
        var withCatalog = !http.Request.Query.ContainsKey("nocatalog");
        return Results.Json(KeystoneViews.Token(issued.Context, issued.IssuedAt, urls.Base(http.Request), urls.Region, withCatalog),
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ShowToken(HttpContext http, TokenAuthenticator authenticator, ITokenValidator validator, PublicUrls urls)
    {
        var subject = await SubjectAsync(http, authenticator, validator);
        return Results.Json(KeystoneViews.Token(subject, DateTimeOffset.UtcNow, urls.Base(http.Request), urls.Region,
            !http.Request.Query.ContainsKey("nocatalog")));
    }

    private static async Task<IResult> CheckToken(HttpContext http, TokenAuthenticator authenticator, ITokenValidator validator)
    {
        await SubjectAsync(http, authenticator, validator);
        return Results.Ok();
    }

    private static async Task<IResult> RevokeToken(HttpContext http, TokenAuthenticator authenticator, ITokenValidator validator, IdentityStore store)
    {
        await SubjectAsync(http, authenticator, validator);
        await store.RevokeAsync(TokenHashing.Hash(http.Request.Headers[SubjectTokenHeader].ToString().Trim()), http.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>A caller may look at or revoke its own token; admins may do so with any token.</summary>
    private static async Task<AuthContext> SubjectAsync(HttpContext http, TokenAuthenticator authenticator, ITokenValidator validator)
    {
        var caller = await authenticator.AuthenticateAsync(http);
        var subjectToken = http.Request.Headers[SubjectTokenHeader].ToString().Trim();
        if (subjectToken.Length == 0) throw new BadRequestException("The X-Subject-Token header is required.");
        var subject = await validator.ValidateAsync(subjectToken, http.RequestAborted)
                      ?? throw new NotFoundException("Could not find token.");
        if (subject.UserId != caller.UserId && !caller.IsAdmin)
            throw new ForbiddenException("You are not authorized to perform the requested action: identity:validate_token.");
        return subject;
    }

    private static async Task<IResult> ListOwnProjects(HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        var caller = await authenticator.AuthenticateAsync(http);
        var project = await admin.GetProjectAsync(caller.ProjectId, http.RequestAborted);
        return Results.Json(new { projects = new[] { KeystoneViews.Project(project, urls.Base(http.Request)) } });
    }

    private static async Task<IResult> ListProjects(HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        await RequireAdminAsync(http, authenticator);
        var projects = await admin.ListProjectsAsync(http.Request.Query["name"].FirstOrDefault(), http.RequestAborted);
        return Results.Json(new { projects = projects.Select(p => KeystoneViews.Project(p, urls.Base(http.Request))) });
    }

    private static async Task<IResult> ShowProject(string project_id, HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        var caller = await authenticator.AuthenticateAsync(http);
        if (caller.ProjectId != project_id && !caller.IsAdmin)
            throw new ForbiddenException("You are not authorized to perform the requested action: identity:get_project.");
        return Results.Json(new { project = KeystoneViews.Project(await admin.GetProjectAsync(project_id, http.RequestAborted), urls.Base(http.Request)) });
    }

    private static async Task<IResult> CreateProject(HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        await RequireAdminAsync(http, authenticator);
        var body = (await JsonBody.ReadAsync(http.Request, http.RequestAborted)).Object("project");
        var name = IdentityNames.Require(body, "name");
        var description = body.OptionalString("description", 1024, allowEmpty: true) ?? "";
        var enabled = body.OptionalBool("enabled") ?? true;
        var domainId = body.OptionalString("domain_id");
        if (domainId is not null && domainId != IdentityDefaults.DomainId)
            throw body.Invalid("domain_id", $"DbaaS has one domain, '{IdentityDefaults.DomainId}'");
        body.OptionalBool("is_domain");
        body.OptionalStringList("tags");
        body.OptionalString("parent_id");
        IdentityNames.RejectResourceOptions(body);
        body.RejectUnknown();
        var project = await admin.CreateProjectAsync(name, description, enabled, http.RequestAborted);
        return Results.Json(new { project = KeystoneViews.Project(project, urls.Base(http.Request)) }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListUsers(HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        await RequireAdminAsync(http, authenticator);
        var users = await admin.ListUsersAsync(http.Request.Query["name"].FirstOrDefault(), http.RequestAborted);
        return Results.Json(new { users = users.Select(u => KeystoneViews.User(u, urls.Base(http.Request))) });
    }

    private static async Task<IResult> CreateUser(HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        await RequireAdminAsync(http, authenticator);
        var body = (await JsonBody.ReadAsync(http.Request, http.RequestAborted)).Object("user");
        var name = IdentityNames.Require(body, "name");
        var password = body.String("password", 4096);
        if (password.Length < 8) throw body.Invalid("password", "must be at least 8 characters long");
        var defaultProject = body.OptionalString("default_project_id");
        var enabled = body.OptionalBool("enabled") ?? true;
        var domainId = body.OptionalString("domain_id");
        if (domainId is not null && domainId != IdentityDefaults.DomainId)
            throw body.Invalid("domain_id", $"DbaaS has one domain, '{IdentityDefaults.DomainId}'");
        body.OptionalString("description", 1024, allowEmpty: true);
        body.OptionalString("email", 255, allowEmpty: true);
        IdentityNames.RejectResourceOptions(body);
        body.RejectUnknown();
        var user = await admin.CreateUserAsync(name, password, defaultProject, enabled, http.RequestAborted);
        return Results.Json(new { user = KeystoneViews.User(user, urls.Base(http.Request)) }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListRoles(HttpContext http, TokenAuthenticator authenticator, PublicUrls urls)
    {
        await authenticator.AuthenticateAsync(http);
        var name = http.Request.Query["name"].FirstOrDefault();
        return Results.Json(new { roles = RoleNames.All.Where(r => name is null || r == name).Select(r => KeystoneViews.Role(r, urls.Base(http.Request))) });
    }

    private static async Task<IResult> ShowRole(string role_id, HttpContext http, TokenAuthenticator authenticator, PublicUrls urls)
    {
        await authenticator.AuthenticateAsync(http);
        if (!RoleNames.All.Contains(role_id)) throw new NotFoundException($"Could not find role: {role_id}.");
        return Results.Json(new { role = KeystoneViews.Role(role_id, urls.Base(http.Request)) });
    }

    private static async Task<IResult> ShowUser(string user_id, HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        var caller = await authenticator.AuthenticateAsync(http);
        if (caller.UserId != user_id && !caller.IsAdmin)
            throw new ForbiddenException("You are not authorized to perform the requested action: identity:get_user.");
        return Results.Json(new { user = KeystoneViews.User(await admin.GetUserAsync(user_id, http.RequestAborted), urls.Base(http.Request)) });
    }

    private static async Task<IResult> ListUserRoles(string project_id, string user_id, HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin, PublicUrls urls)
    {
        await RequireAdminAsync(http, authenticator);
        var roles = await admin.ListRolesOfAsync(project_id, user_id, http.RequestAborted);
        return Results.Json(new { roles = roles.Select(r => KeystoneViews.Role(r, urls.Base(http.Request))) });
    }

    private static async Task<IResult> AssignRole(string project_id, string user_id, string role_id, HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin)
    {
        await RequireAdminAsync(http, authenticator);
        await admin.AssignRoleAsync(project_id, user_id, role_id, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> CheckRole(string project_id, string user_id, string role_id, HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin)
    {
        await RequireAdminAsync(http, authenticator);
        var roles = await admin.ListRolesOfAsync(project_id, user_id, http.RequestAborted);
        return roles.Contains(role_id) ? Results.NoContent() : throw new NotFoundException($"Could not find role assignment: {role_id}.");
    }

    private static async Task<IResult> UnassignRole(string project_id, string user_id, string role_id, HttpContext http, TokenAuthenticator authenticator, IdentityAdmin admin)
    {
        await RequireAdminAsync(http, authenticator);
        await admin.UnassignRoleAsync(project_id, user_id, role_id, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task RequireAdminAsync(HttpContext http, TokenAuthenticator authenticator)
    {
        var caller = await authenticator.AuthenticateAsync(http);
        if (!caller.IsAdmin) throw new ForbiddenException("You are not authorized to perform the requested action: admin required.");
    }
}

public static class IdentityNames
{
    /// <summary>Names as Keystone allows them: 1-64 characters, no control characters.</summary>
    public static string Require(JsonFields body, string field)
    {
        var name = body.String(field, 64);
        if (name.Any(char.IsControl)) throw body.Invalid(field, "must not contain control characters");
        return name.Trim();
    }

    /// <summary>
    /// Keystone's resource options (MFA rules, immutability...). openstackclient always sends <c>"options": {}</c>;
    /// DbaaS supports none, so only the empty object passes.
    /// </summary>
    public static void RejectResourceOptions(JsonFields body)
    {
        var options = body.OptionalObject("options");
        if (options is not null && options.Names.FirstOrDefault() is { } name)
            throw options.Invalid(name, "Keystone resource options are not supported by DbaaS");
    }
}
