using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace DbaaS.Core.Guests;

/// <summary>
/// One AMQP connection per process with the control-plane credentials, shared by the guest client, the conductor
/// and the topology declaration. It recovers by itself (with the queues, bindings and consumers declared on it).
/// </summary>
public sealed class GuestBrokerConnection(IOptions<GuestBrokerOptions> options, ILogger<GuestBrokerConnection> logger) : IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    IConnection? _connection;

    public GuestBrokerOptions Options => options.Value;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing) return existing;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not null) return _connection;
            var settings = options.Value;
            var factory = new ConnectionFactory
            {
                HostName = settings.Host,
                Port = settings.Port,
                VirtualHost = settings.VirtualHost,
                UserName = settings.Username,
                Password = settings.Password,
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            };
            _connection = await factory.CreateConnectionAsync($"dbaas-control-plane {Environment.MachineName}/{Environment.ProcessId}", cancellationToken);
            logger.LogInformation("Connected to RabbitMQ {Host}:{Port} vhost {VirtualHost} for guest traffic", settings.Host, settings.Port, settings.VirtualHost);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            await _connection.CloseAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            logger.LogDebug(exception, "Closing the guest broker connection failed");
        }
        _connection.Dispose();
        _connection = null;
    }
}
