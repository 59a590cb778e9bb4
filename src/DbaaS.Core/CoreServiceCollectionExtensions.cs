using DbaaS.Core.Data;
using DbaaS.Core.Data.Migrations;
using DbaaS.Core.Datastores;
using DbaaS.Core.Identity;
using DbaaS.Core.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace DbaaS.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Two defaults that halve PostgreSQL's work per request (measured, docs/benchmarks.md), unless the connection
    /// string says otherwise: statements used twice are prepared on their connection, so the hot reads are planned
    /// once instead of per request, and a pooled connection is not reset with DISCARD ALL on every return, which
    /// would drop those prepared statements. Nothing here leaves session state behind on a pooled connection:
    /// advisory locks are released explicitly and LISTEN connections are held for the process's life.
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare")) settings.MaxAutoPrepare = 64;
        if (!given.ContainsKey("Auto Prepare Min Usages")) settings.AutoPrepareMinUsages = 2;
        if (!given.ContainsKey("No Reset On Close")) settings.NoResetOnClose = true;
        return builder.Build();
    }

    /// <summary>Data access, identity, catalog and quotas: what every role shares.</summary>
    public static IServiceCollection AddDbaaSCore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Dbaas")
            ?? throw new InvalidOperationException("ConnectionStrings:Dbaas is not set (env ConnectionStrings__Dbaas).");
        services.AddSingleton(_ => BuildDataSource(connectionString));
        services.AddDbContextPool<DbaaSDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));

        services.AddSingleton<ChangeListenerHub>();
        services.AddSingleton<ChangeNotifier>();
        services.AddHostedService<ChangeListener>();
        services.AddSingleton<MigrationRunner>();
        services.AddScoped<StartupSeeder>();

        services.Configure<IdentityOptions>(configuration.GetSection(IdentityOptions.Section));
        services.AddScoped<IdentityStore>();
        services.AddScoped<IdentityAdmin>();
        services.AddScoped<IdentitySeeder>();
        services.AddSingleton<BuiltinTokenValidator>();

        services.AddSingleton<CatalogCache>();
        services.AddScoped<CatalogAdmin>();
        services.AddScoped<CatalogSeeder>();

        services.Configure<QuotaOptions>(configuration.GetSection(QuotaOptions.Section));
        services.AddScoped<QuotaService>();
        services.AddScoped<QuotaReservations>();
        services.AddOptions<DbaaS.Core.Guests.GuestKeyOptions>().Bind(configuration.GetSection(DbaaS.Core.Guests.GuestKeyOptions.Section))
            .Validate(o => DbaaS.Core.Guests.GuestKeyOptions.TryParse(o.EncryptionKey, out _),
                $"{DbaaS.Core.Guests.GuestKeyOptions.Section}:EncryptionKey must be 32 bytes in base64 (openssl rand -base64 32).")
            .ValidateOnStart();
        services.AddSingleton<DbaaS.Core.Guests.GuestKeyProtector>();
        services.AddScoped<DbaaS.Core.Instances.InstanceService>();
        services.AddScoped<DbaaS.Core.Instances.InstanceReads>();
        services.AddSingleton<DbaaS.Core.Instances.InstanceReadCache>();
        services.Configure<DbaaS.Core.Instances.InstanceOptions>(configuration.GetSection(DbaaS.Core.Instances.InstanceOptions.Section));
        services.Configure<DbaaS.Core.Access.AccessOptions>(configuration.GetSection(DbaaS.Core.Access.AccessOptions.Section));
        services.AddScoped<DbaaS.Core.Access.AccessTargets>();
        services.AddScoped<DbaaS.Core.Access.AccessGuestCalls>();
        services.AddScoped<DbaaS.Core.Access.DatabaseAccess>();
        services.AddScoped<DbaaS.Core.Access.UserAccess>();
        services.AddScoped<DbaaS.Core.Access.RootAccess>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
