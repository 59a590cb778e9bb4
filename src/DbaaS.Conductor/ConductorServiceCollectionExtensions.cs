using DbaaS.Core.Guests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DbaaS.Conductor;

public static class ConductorServiceCollectionExtensions
{
    /// <summary>
    /// The conductor role: the guest report consumer and the heartbeat sweeper (hosted services), options from
    /// <c>Conductor</c>, the broker from <c>Messaging:RabbitMq</c>. Needs <c>AddDbaaSCore</c> (NpgsqlDataSource, DbContext).
    /// </summary>
    public static IServiceCollection AddConductor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGuestBroker(configuration);
        services.AddOptions<ConductorOptions>().Bind(configuration.GetSection(ConductorOptions.Section));
        services.AddSingleton<GuestReportReader>();
        services.AddSingleton<HeartbeatWriter>();
        services.AddSingleton<GuestReportProcessor>();
        services.AddHostedService<GuestReportConsumer>();
        services.AddHostedService<HeartbeatSweeper>();
        return services;
    }
}
