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
    /// <summary>Data access, identity, catalog and quotas: what every role shares.</summary>
    public static IServiceCollection AddDbaaSCore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Dbaas")
            ?? throw new InvalidOperationException("ConnectionStrings:Dbaas is not set (env ConnectionStrings__Dbaas).");
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
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
        services.AddScoped<DbaaS.Core.Instances.InstanceService>();
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
