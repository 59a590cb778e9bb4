using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DbaaS.Core.Guests;

public static class GuestServiceCollectionExtensions
{
    /// <summary>
    /// The control plane's side of the guest broker: options from <c>Messaging:RabbitMq</c>, one shared connection,
    /// the topology, and instance keys from the database. Every guest-facing registration starts with this one.
    /// </summary>
    public static IServiceCollection AddGuestBroker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GuestBrokerOptions>().Bind(configuration.GetSection(GuestBrokerOptions.Section));
        services.AddMemoryCache();
        services.TryAddSingleton<GuestBrokerConnection>();
        services.TryAddSingleton<GuestBrokerTopology>();
        services.TryAddSingleton<IGuestKeyStore, DbGuestKeyStore>();
        return services;
    }

    /// <summary><see cref="IGuestClient"/> (singleton): calls and casts to guests, for the taskmanager and the management API.</summary>
    public static IServiceCollection AddGuestClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGuestBroker(configuration);
        services.TryAddSingleton<IGuestClient, RabbitGuestClient>();
        return services;
    }
}
