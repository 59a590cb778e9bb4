using DbaaS.Api;
using DbaaS.Api.Health;
using DbaaS.Core;
using DbaaS.Core.Data;
using DbaaS.Core.Data.Migrations;
using DbaaS.Core.Data.Outbox;
using DbaaS.Conductor;
using DbaaS.TaskManager;
using DbaaS.TaskManager.Compute;
using DbaaS.TaskManager.Guests;

namespace DbaaS.Server;

public static class ServerSetup
{
    public static WebApplicationBuilder AddDbaaSServer(this WebApplicationBuilder builder, ServerRoles roles)
    {
        if (!builder.Configuration.GetSection("Kestrel").Exists() && builder.Configuration["urls"] is null
            && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
            builder.WebHost.UseUrls("http://127.0.0.1:8779");
        builder.Services.AddDbaaSCore(builder.Configuration);
        builder.Services.AddDbaaSMessaging(builder.Configuration, roles);
        if (roles.HasFlag(ServerRoles.TaskManager))
        {
            builder.Services.AddTaskManagerWorkflows(builder.Configuration);
            builder.Services.AddGuestAccounts(builder.Configuration);
        }
        if (roles.HasFlag(ServerRoles.Conductor))
            builder.Services.AddConductor(builder.Configuration);
        // The api calls guests too (management ping and diagnostics); only the taskmanager drives servers.
        if (roles.HasFlag(ServerRoles.TaskManager) || roles.HasFlag(ServerRoles.Api))
            builder.Services.AddCompute(builder.Configuration, withDriver: roles.HasFlag(ServerRoles.TaskManager));
        if (roles.HasFlag(ServerRoles.Api))
        {
            builder.Services.AddDbaaSApi(builder.Configuration);
            // Off only to keep some api replicas out of publishing, or in a test that stops the api between
            // commit and publish; another process's relay (or this one after a restart) publishes the rows.
            if (builder.Configuration.GetValue("Outbox:RelayEnabled", true))
                builder.Services.AddHostedService<OutboxRelay>();
        }
        else
            builder.Services.AddDbaaSHealthChecks();
        return builder;
    }

    public static WebApplication UseDbaaSServer(this WebApplication app, ServerRoles roles)
    {
        if (roles.HasFlag(ServerRoles.Api))
        {
            app.UseDbaaSApi();
            app.MapDbaaSApi(app.Configuration);
        }
        else app.MapHealthApi();
        app.Logger.LogInformation("DbaaS server starting with roles {Roles}", roles);
        return app;
    }

    /// <summary>Applies pending migrations and, unless only migrating, seeds identity and catalog. Exit code style result.</summary>
    public static async Task<int> MigrateAndSeedAsync(this WebApplication app, bool seed)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
            app.Logger.LogInformation("Database schema up to date ({Applied} migrations applied now)", applied.Count);
            if (seed)
                await scope.ServiceProvider.GetRequiredService<StartupSeeder>().SeedAsync(Console.Out, CancellationToken.None);
            return 0;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            app.Logger.LogCritical(ex, "Cannot reach PostgreSQL to migrate the schema");
            return 1;
        }
    }
}
