using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DbaaS.GuestAgent.Messaging;

/// <summary>A message from the guest queue, copied out of the client's buffers (they are reused once the handler returns).</summary>
public sealed record IncomingMessage(byte[] Body, string? CorrelationId, string? ReplyTo);

/// <summary>
/// The agent's one RabbitMQ connection, with this instance's own credentials. It declares nothing (the control plane
/// declared the exchanges, the queue and its binding, and the guest's user may configure nothing): it consumes
/// <c>guest.&lt;id&gt;</c> and publishes, confirmed and stamped with its <c>user_id</c>, to the two exchanges it may write.
/// The client recovers the connection, channels and consumer after a broker restart; a consumer or publish channel
/// that the broker closed on its own is reopened here.
/// </summary>
public sealed class GuestConnection(GuestConfig config, IGuestLog log) : IAsyncDisposable
{
    const ushort Prefetch = 32;
    static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);
    static readonly TimeSpan ConsumerCheckInterval = TimeSpan.FromSeconds(5);
    static readonly TimeSpan MaxConnectDelay = TimeSpan.FromSeconds(5);

    readonly string _queue = GuestTopology.QueueFor(config.InstanceId);
    readonly SemaphoreSlim _publishGate = new(1, 1);
    readonly SemaphoreSlim _checkConsumer = new(0);
    readonly CancellationTokenSource _closing = new();
    IConnection? _connection;
    IChannel? _publishChannel;
    IChannel? _consumeChannel;
    AsyncEventingBasicConsumer? _consumer;
    Action<IncomingMessage>? _onMessage;
    Task? _consumerSupervisor;
    volatile bool _recovering;
    int _failedRecoveries;
    volatile bool _consumingStopped;

    /// <summary>The AMQP user_id on every message; RabbitMQ refuses one that is not the connection's user.</summary>
    public string UserId { get; } = GuestTopology.UserFor(config.InstanceId);

    /// <summary>Raised after the client re-established the connection (and its channels and consumer).</summary>
    public event Func<Task>? Recovered;

    public bool IsConnected => _connection is { IsOpen: true } && !_recovering;

    /// <summary>Retries until connected: the broker may start after the agent, or be restarting.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var rabbit = config.Rabbit;
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.User,
            Password = rabbit.Password,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            RequestedHeartbeat = TimeSpan.FromSeconds(20),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            ClientProvidedName = $"dbaas-guest-agent {config.InstanceId}",
        };
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _connection = await factory.CreateConnectionAsync(cancellationToken);
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (attempt == 1 || attempt % 20 == 0)
                    log.Warn($"cannot connect to RabbitMQ at {rabbit.Host}:{rabbit.Port} as {rabbit.User} (attempt {attempt}, retrying): {Describe(exception)}");
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxConnectDelay.Ticks));
            }
        }
        _connection.ConnectionShutdownAsync += OnConnectionShutdownAsync;
        _connection.RecoverySucceededAsync += OnRecoverySucceededAsync;
        _connection.ConnectionRecoveryErrorAsync += (_, args) =>
        {
            // The client retries every NetworkRecoveryInterval: one line now and then is enough during an outage.
            if (_failedRecoveries++ % 30 == 0)
                log.Warn($"RabbitMQ connection recovery attempt {_failedRecoveries} failed (retrying): {Describe(args.Exception)}");
            return Task.CompletedTask;
        };
        log.Info($"connected to RabbitMQ at {rabbit.Host}:{rabbit.Port} vhost {rabbit.VirtualHost} as {rabbit.User}");
    }

    /// <summary><paramref name="onMessage"/> must return at once and never throw: the message is already acknowledged.</summary>
    public void StartConsuming(Action<IncomingMessage> onMessage)
    {
        _onMessage = onMessage;
        _consumerSupervisor = Task.Run(SuperviseConsumerAsync);
    }

    /// <summary>Cancels the consumer: nothing new arrives, publishing still works (for the replies of calls in flight).</summary>
    public async Task StopConsumingAsync()
    {
        _consumingStopped = true;
        _checkConsumer.Release();
        if (_consumerSupervisor is not null) await _consumerSupervisor;
        if (_consumeChannel is { } channel)
        {
            await Quietly(channel.CloseAsync());
            await Quietly(channel.DisposeAsync().AsTask());
        }
    }

    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        properties.UserId = UserId;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        await _publishGate.WaitAsync(timeout.Token);
        try
        {
            var channel = await PublishChannelAsync(timeout.Token);
            // With confirmation tracking this returns once the broker confirmed, and throws on a refusal.
            await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, timeout.Token);
        }
        finally
        {
            _publishGate.Release();
        }
    }

    async Task<IChannel> PublishChannelAsync(CancellationToken cancellationToken)
    {
        if (_publishChannel is { IsOpen: true } open) return open;
        if (!IsConnected) throw new BrokerNotConnectedException();
        // Closed by the broker (a refused publish closes the channel): open another.
        if (_publishChannel is { } closed) await Quietly(closed.DisposeAsync().AsTask());
        _publishChannel = await _connection!.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        return _publishChannel;
    }

    async Task SuperviseConsumerAsync()
    {
        var failures = 0;
        while (!_consumingStopped && !_closing.IsCancellationRequested)
        {
            if (IsConnected && !IsConsuming)
            {
                try
                {
                    await OpenConsumerAsync(_closing.Token);
                    failures = 0;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    if (failures++ % 12 == 0)
                        log.Warn($"cannot consume queue {_queue} (retrying): {Describe(exception)}");
                }
            }
            try
            {
                await _checkConsumer.WaitAsync(ConsumerCheckInterval, _closing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    bool IsConsuming => _consumeChannel is { IsOpen: true } && _consumer is { IsRunning: true };

    async Task OpenConsumerAsync(CancellationToken cancellationToken)
    {
        if (_consumeChannel is { } previous) await Quietly(previous.DisposeAsync().AsTask());
        var channel = await _connection!.CreateChannelAsync(cancellationToken: cancellationToken);
        _consumeChannel = channel;
        channel.ChannelShutdownAsync += (_, args) =>
        {
            if (args.Initiator != ShutdownInitiator.Application) _checkConsumer.Release();
            return Task.CompletedTask;
        };
        await channel.BasicQosAsync(0, Prefetch, false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        // The broker cancels the consumer when the queue is deleted: look again later.
        consumer.UnregisteredAsync += (_, _) =>
        {
            _checkConsumer.Release();
            return Task.CompletedTask;
        };
        _consumer = consumer;
        if (_consumingStopped) return;
        await channel.BasicConsumeAsync(_queue, autoAck: false, consumer, cancellationToken);
        log.Info($"consuming queue {_queue}");
    }

    async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var message = new IncomingMessage(delivery.Body.ToArray(), delivery.BasicProperties.CorrelationId, delivery.BasicProperties.ReplyTo);
        try
        {
            // Acknowledged on receipt, as oslo.messaging does: a call is not run again after the agent died in it.
            await ((AsyncEventingBasicConsumer)sender).Channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (Exception exception)
        {
            log.Warn($"could not acknowledge a message: {Describe(exception)}");
        }
        _onMessage?.Invoke(message);
    }

    Task OnConnectionShutdownAsync(object sender, ShutdownEventArgs args)
    {
        if (args.Initiator == ShutdownInitiator.Application) return Task.CompletedTask;
        _recovering = true;
        log.Warn($"lost the RabbitMQ connection ({args.ReplyCode} {args.ReplyText}); recovering");
        return Task.CompletedTask;
    }

    async Task OnRecoverySucceededAsync(object sender, AsyncEventArgs args)
    {
        _recovering = false;
        _failedRecoveries = 0;
        log.Info("RabbitMQ connection recovered");
        _checkConsumer.Release();
        if (Recovered is { } recovered) await recovered();
    }

    /// <summary>Client exceptions wrap the useful part (refused login, connection refused) in an inner exception.</summary>
    static string Describe(Exception exception) =>
        exception.InnerException is { } inner && inner.Message != exception.Message
            ? $"{exception.Message} ({Describe(inner)})"
            : exception.Message;

    static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Closing something already broken: nothing left to do with it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _consumingStopped = true;
        _closing.Cancel();
        if (_consumerSupervisor is not null) await Quietly(_consumerSupervisor);
        if (_connection is { } connection)
        {
            await Quietly(connection.CloseAsync(TimeSpan.FromSeconds(5)));
            await Quietly(connection.DisposeAsync().AsTask());
        }
        _closing.Dispose();
    }
}

public sealed class BrokerNotConnectedException() : Exception("not connected to RabbitMQ (reconnecting)");
