using DbaaS.Core.Guests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DbaaS.TaskManager.Guests;

public static class GuestAccountsServiceCollectionExtensions
{
    /// <summary><see cref="IGuestAccounts"/> (singleton) through the RabbitMQ management API of <c>Messaging:RabbitMq</c>.</summary>
    public static IServiceCollection AddGuestAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGuestBroker(configuration);
        services.AddHttpClient(RabbitMqGuestAccounts.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<IGuestAccounts, RabbitMqGuestAccounts>();
        return services;
    }
}
