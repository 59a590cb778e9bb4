using DbaaS.Api.Http;
using DbaaS.Core.Errors;
using DbaaS.Core.Identity;

namespace DbaaS.Api.Identity;

public sealed record PasswordAuthRequest(string? UserId, string? UserName, string? UserDomainId, string? UserDomainName, string Password, ProjectScope? Scope);

public static class KeystoneRequests
{
    /// <summary>Keystone's <c>POST /v3/auth/tokens</c> body, password method; DbaaS has one domain.</summary>
    public static PasswordAuthRequest ReadPasswordAuth(JsonFields body)
    {
        var auth = body.Object("auth");
        var identity = auth.Object("identity");
        var methods = identity.OptionalStringList("methods") ?? throw identity.Invalid("methods", "is required");
        if (!methods.Contains("password"))
            throw new UnauthorizedException($"Authentication method(s) {string.Join(", ", methods)} are not supported; use password.");
        var password = identity.Object("password");
        var user = password.Object("user");
        var userName = user.OptionalString("name");
        var userId = user.OptionalString("id");
        if (userName is null && userId is null) throw user.Invalid("name", "the user's name or id is required");
        var userDomain = user.OptionalObject("domain");
        var secret = user.OptionalString("password", 4096, allowEmpty: true) ?? throw user.Invalid("password", "is required");

        ProjectScope? scope = null;
        var scopeObject = auth.OptionalObject("scope");
        var project = scopeObject?.OptionalObject("project");
        if (project is not null)
        {
            var domain = project.OptionalObject("domain");
            scope = new ProjectScope(project.OptionalString("id"), project.OptionalString("name"),
                domain?.OptionalString("id"), domain?.OptionalString("name"));
            if (scope.Id is null && scope.Name is null) throw project.Invalid("name", "a project id or name is required");
            if (scope.Id is null && domain is null) throw project.Invalid("domain", "is required when the project is named");
        }
        else if (scopeObject is not null && (scopeObject.Has("domain") || scopeObject.Has("system")))
            throw new UnauthorizedException("DbaaS issues project-scoped tokens only; scope the request to a project.");

        return new PasswordAuthRequest(userId, userName, userDomain?.OptionalString("id"), userDomain?.OptionalString("name"), secret, scope);
    }
}
