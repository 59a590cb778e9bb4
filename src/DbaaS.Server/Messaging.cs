using DbaaS.TaskManager;
using MassTransit;

namespace DbaaS.Server;

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "";
    public ushort ManagementPort { get; set; } = 15672;
}

public static class Messaging
{
    /// <summary>
    /// MassTransit on RabbitMQ (or in memory, for unit tests only: <c>Messaging:Transport=InMemory</c>).
    /// The bus's health joins <c>/readyz</c>.
    /// </summary>
    public static IServiceCollection AddDbaaSMessaging(this IServiceCollection services, IConfiguration configuration, ServerRoles roles)
    {
        var transport = configuration["Messaging:Transport"] ?? "RabbitMq";
        var rabbit = configuration.GetSection("Messaging:RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            if (roles.HasFlag(ServerRoles.TaskManager)) bus.AddTaskManagerConsumers(configuration);
            if (string.Equals(transport, "InMemory", StringComparison.OrdinalIgnoreCase))
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseMessageRetry(RetryTransientFailures);
                    cfg.ConfigureEndpoints(context);
                });
            else
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                    });
                    cfg.UseMessageRetry(RetryTransientFailures);
                    cfg.ConfigureEndpoints(context);
                });
        });
        return services;
    }

    /// <summary>
    /// A workflow handles its own failures; what escapes is infrastructure (PostgreSQL restarting), worth a few
    /// retries in place before the message is redelivered.
    /// </summary>
    static void RetryTransientFailures(IRetryConfigurator retry) =>
        retry.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
}
