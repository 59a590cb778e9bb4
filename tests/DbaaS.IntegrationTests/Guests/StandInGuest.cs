using System.Text.Json;
using DbaaS.Contracts.Guest;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DbaaS.IntegrationTests.Guests;

/// <summary>
/// A stand-in for the guest agent (written separately), logged in to the real RabbitMQ with the real per-instance
/// account that <c>RabbitMqGuestAccounts</c> created. It speaks the protocol by hand so tests can also misbehave.
/// </summary>
public sealed class StandInGuest : IAsyncDisposable
{
    readonly IConnection _connection;
    // Opened up front: opening or closing a channel inside a consumer callback stalls the connection's close.
    readonly IChannel _publisher;

    StandInGuest(IConnection connection, IChannel publisher, Guid instanceId, byte[] key, GuestRabbitSettings rabbit)
    {
        _connection = connection;
        _publisher = publisher;
        InstanceId = instanceId;
        Key = key;
        Rabbit = rabbit;
    }

    public Guid InstanceId { get; }
    public byte[] Key { get; }
    public GuestRabbitSettings Rabbit { get; }
    public IConnection Connection => _connection;

    public static async Task<StandInGuest> ConnectAsync(Guid instanceId, byte[] key, GuestRabbitSettings rabbit)
    {
        var connection = await Factory(rabbit).CreateConnectionAsync($"stand-in guest {instanceId}");
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new StandInGuest(connection, publisher, instanceId, key, rabbit);
    }

    public static ConnectionFactory Factory(GuestRabbitSettings rabbit) => new()
    {
        HostName = rabbit.Host, Port = rabbit.Port, VirtualHost = rabbit.VirtualHost, UserName = rabbit.User, Password = rabbit.Password,
        AutomaticRecoveryEnabled = false,
    };

    /// <summary>A channel with publisher confirms, so a refused publish (403, 406) surfaces.</summary>
    public Task<IChannel> ConfirmingChannelAsync() =>
        _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

    public sealed record Call(GuestEnvelope Envelope, string? CorrelationId, string? ReplyTo, string? UserId);

    /// <summary>Consumes this guest's own queue and hands each opened call to <paramref name="onCall"/>.</summary>
    public async Task<IChannel> ServeAsync(Func<Call, Task> onCall)
    {
        var channel = await _connection.CreateChannelAsync();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var plaintext = EnvelopeSeal.Open(Key, InstanceId.ToString(), delivery.Body.Span);
            var envelope = JsonSerializer.Deserialize(plaintext, GuestJson.Default.GuestEnvelope)!;
            await onCall(new Call(envelope, delivery.BasicProperties.CorrelationId, delivery.BasicProperties.ReplyTo, delivery.BasicProperties.UserId));
        };
        await channel.BasicConsumeAsync(GuestTopology.QueueFor(InstanceId.ToString()), autoAck: true, consumer);
        return channel;
    }

    public async Task ReplyAsync(Call call, JsonElement? result, GuestError? error = null, byte[]? sealWith = null, string? sealFor = null, string? userId = null)
    {
        var reply = new GuestReply(sealFor ?? InstanceId.ToString(), DateTimeOffset.UtcNow, result, error);
        var body = EnvelopeSeal.Seal(sealWith ?? Key, sealFor ?? InstanceId.ToString(), JsonSerializer.SerializeToUtf8Bytes(reply, GuestJson.Default.GuestReply));
        await _publisher.BasicPublishAsync(GuestTopology.RepliesExchange, call.ReplyTo!, mandatory: false,
            new BasicProperties { CorrelationId = call.CorrelationId, UserId = userId ?? Rabbit.User }, body);
    }

    public static byte[] SealEnvelope(byte[] key, string sealFor, GuestEnvelope envelope) =>
        EnvelopeSeal.Seal(key, sealFor, JsonSerializer.SerializeToUtf8Bytes(envelope, GuestJson.Default.GuestEnvelope));

    /// <summary>A heartbeat to the conductor exchange, sealed as given (by default: correctly, as this guest).</summary>
    public async Task ReportAsync(GuestEnvelope envelope, byte[]? sealWith = null, string? sealFor = null)
    {
        var body = SealEnvelope(sealWith ?? Key, sealFor ?? InstanceId.ToString(), envelope);
        await _publisher.BasicPublishAsync(GuestTopology.ConductorExchange, GuestTopology.ReportsRoutingKey, mandatory: false,
            new BasicProperties { UserId = Rabbit.User, DeliveryMode = DeliveryModes.Persistent }, body);
    }

    public GuestEnvelope Heartbeat(string status, DateTimeOffset sent, long? usedBytes = null, string? engineVersion = null, string? instanceId = null) =>
        new(GuestMethods.Heartbeat,
            JsonSerializer.SerializeToElement(new HeartbeatArgs(status, usedBytes is { } used ? new VolumeInfo(used, 10L << 30) : null, engineVersion), GuestJson.Default.HeartbeatArgs),
            instanceId ?? InstanceId.ToString(), sent, GuestEnvelope.CurrentVersion);

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsOpen) await _connection.CloseAsync();
        _connection.Dispose();
    }
}
