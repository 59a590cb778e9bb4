using DbaaS.Api.Datastores;
using DbaaS.Api.Faults;
using DbaaS.Api.Flavors;
using DbaaS.Api.Health;
using DbaaS.Api.Http;
using DbaaS.Api.Identity;
using DbaaS.Api.Instances;
using DbaaS.Api.Instances.Access;
using DbaaS.Api.Limits;
using DbaaS.Api.OpenApi;
using DbaaS.Api.Quotas;
using DbaaS.Api.RateLimiting;
using DbaaS.Api.Versions;
using DbaaS.Core.Identity;
using DbaaS.Core.Identity.Keystone;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DbaaS.Api;

public static class ApiExtensions
{
    /// <summary>The api role: Trove v1.0 routes, management routes, Keystone v3 identity, health and OpenAPI.</summary>
    public static IServiceCollection AddDbaaSApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = JsonBody.MaxBytes * 4);
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<ProjectRateLimiter>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddDbaaSHealthChecks();
        services.AddDbaaSOpenApi();

        if (UsesKeystone(configuration))
            services.AddKeystoneTokenValidation(configuration.GetSection($"{IdentityOptions.Section}:Keystone"));
        else
            services.AddSingleton<ITokenValidator>(sp => sp.GetRequiredService<BuiltinTokenValidator>());
        return services;
    }

    public static WebApplication UseDbaaSApi(this WebApplication app)
    {
        // Faults first, then routing, so that even a failure to match a route leaves as a fault body.
        app.UseMiddleware<FaultMiddleware>();
        app.UseStatusCodePages(context => StatusCodeFaults.WriteAsync(context.HttpContext));
        app.UseRouting();
        app.UseDbaaSOpenApi();
        return app;
    }

    public static IEndpointRouteBuilder MapDbaaSApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        app.MapVersionsApi();
        app.MapHealthApi();
        // With an external Keystone, users log in there; serving a second identity service would confuse clients.
        if (!UsesKeystone(configuration)) app.MapKeystoneApi();

        var tenant = app.MapGroup("/v1.0/{tenant_id}").AddEndpointFilter<TenantAccessFilter>();
        tenant.MapFlavorsApi();
        tenant.MapDatastoresApi();
        tenant.MapDatastoreVersionsMgmtApi();
        tenant.MapLimitsApi();
        tenant.MapQuotasApi();
        tenant.MapInstancesApi();
        tenant.MapInstancesMgmtApi();
        tenant.MapDatabasesApi();
        tenant.MapUsersApi();
        tenant.MapUserAccessApi();
        tenant.MapRootApi();
        return app;
    }

    private static bool UsesKeystone(IConfiguration configuration) =>
        (configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions()).IsKeystone;
}
