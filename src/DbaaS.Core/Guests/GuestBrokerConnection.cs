using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DbaaS.Core.Guests;

/// <summary>
/// One AMQP connection per process with the control-plane credentials, shared by the guest client, the conductor
/// and the topology declaration. It recovers by itself (with the queues, bindings and consumers declared on it).
/// </summary>
public sealed class GuestBrokerConnection(IOptions<GuestBrokerOptions> options, ILogger<GuestBrokerConnection> logger) : IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    readonly Lock _readyLock = new();
    IConnection? _connection;
    // Completed while the connection is up and not recovering.
    TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GuestBrokerOptions Options => options.Value;

    /// <summary>
    /// The connection once it is open and done recovering. Open consuming channels through this: the client reopens
    /// the connection before it recovers the channels, and recovery swaps the inner channel of one opened in between.
    /// Its consumer stays behind on the orphaned inner channel, which keeps taking messages, while acks go to the new
    /// one and fail (PRECONDITION_FAILED, unknown delivery tag). Reproduced with RabbitMQ.Client 7.1.2 by opening a
    /// channel as soon as IsOpen turned true again.
    /// </summary>
    public async Task<IConnection> GetReadyAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAsync(cancellationToken);
        Task ready;
        lock (_readyLock) ready = _ready.Task;
        await ready.WaitAsync(cancellationToken);
        return connection;
    }

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
            var connection = await factory.CreateConnectionAsync($"dbaas-control-plane {Environment.MachineName}/{Environment.ProcessId}", cancellationToken);
            connection.ConnectionShutdownAsync += OnShutdownAsync;
            connection.RecoverySucceededAsync += OnRecoveredAsync;
            lock (_readyLock) _ready.TrySetResult();
            _connection = connection;
            logger.LogInformation("Connected to RabbitMQ {Host}:{Port} vhost {VirtualHost} for guest traffic", settings.Host, settings.Port, settings.VirtualHost);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    Task OnShutdownAsync(object sender, ShutdownEventArgs args)
    {
        if (args.Initiator == ShutdownInitiator.Application) return Task.CompletedTask;
        lock (_readyLock)
            if (_ready.Task.IsCompleted) _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        logger.LogWarning("Lost the RabbitMQ connection for guest traffic ({ReplyCode} {ReplyText}); recovering", args.ReplyCode, args.ReplyText);
        return Task.CompletedTask;
    }

    Task OnRecoveredAsync(object sender, AsyncEventArgs args)
    {
        lock (_readyLock) _ready.TrySetResult();
        logger.LogInformation("RabbitMQ connection for guest traffic recovered");
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_readyLock) _ready.TrySetCanceled();
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
