using DbaaS.Api.Identity;
using Microsoft.OpenApi;

namespace DbaaS.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/swagger/v1/swagger.json</c> (UI at <c>/swagger</c>). Routes carry their summary and
/// name; their shapes, examples and faults come from the <see cref="RouteDocs"/>.
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddDbaaSOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "DbaaS",
                Version = "v1.0",
                Description = "OpenStack Trove v1.0 compatible Database-as-a-Service API, its management extension and the Keystone v3 subset it serves.",
            });
            options.AddSecurityDefinition(OperationWriter.TokenScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = TokenAuthenticator.TokenHeader,
                Description = "A token from POST /v3/auth/tokens (its X-Subject-Token response header) or from Keystone.",
            });
            options.OperationFilter<RouteDocsOperationFilter>();
            options.DocumentFilter<UndescribedEndpointsFilter>();
        });
        return services;
    }

    public static WebApplication UseDbaaSOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o => o.RoutePrefix = "swagger");
        return app;
    }
}
