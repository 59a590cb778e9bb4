using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DbaaS.Api.Health;

public static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDbaaSHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql", tags: [ReadyTag]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: PostgreSQL and RabbitMQ answer too.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithName("Healthz").WithSummary("Liveness: the process answers");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithName("Readyz").WithSummary("Readiness: PostgreSQL and the message bus answer");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                duration_ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        });
    }
}

public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {ex.GetType().Name}");
        }
    }
}
