namespace DbaaS.Api.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddDbaaSOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new Microsoft.OpenApi.OpenApiInfo
            {
                Title = "DbaaS",
                Version = "v1.0",
                Description = "OpenStack Trove v1.0 compatible Database-as-a-Service API, its management extension and the Keystone v3 subset it serves.",
            });
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
