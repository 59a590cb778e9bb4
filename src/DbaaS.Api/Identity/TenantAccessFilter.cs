using DbaaS.Api.RateLimiting;
using DbaaS.Core.Errors;

namespace DbaaS.Api.Identity;

/// <summary>
/// The gate in front of every <c>/v1.0/{tenant_id}</c> route: a valid token, a tenant in the path that is the
/// token's project (admins may act on any), the project's rate limits, then the route's policy (admin-only
/// routes; readers may only read).
/// </summary>
public sealed class TenantAccessFilter(TokenAuthenticator authenticator, ProjectRateLimiter rateLimiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var caller = await authenticator.AuthenticateAsync(http);
        var tenant = http.Request.RouteValues["tenant_id"] as string;
        if (tenant is not null && tenant != caller.ProjectId && !caller.IsAdmin)
            throw new ForbiddenException($"Tenant {tenant} in the URL is not the token's project; only admins may act on other projects.");
        Caller.Set(http, caller);

        rateLimiter.Acquire(caller.ProjectId, http.Request.Method, TrovePath(http));

        if (http.GetEndpoint()?.Metadata.GetMetadata<AdminOnlyMetadata>() is not null && !caller.IsAdmin)
            throw new ForbiddenException("This action is restricted to administrators.");
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !caller.CanWrite)
            throw new ForbiddenException("The reader role may only read; this request changes something.");
        return await next(invocation);
    }

    /// <summary>The path after <c>/v1.0/{tenant_id}</c>, which Trove's rate-limit regexes are written against.</summary>
    private static string TrovePath(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var second = path.IndexOf('/', "/v1.0/".Length);
        return second < 0 ? "/" : path[second..];
    }
}
