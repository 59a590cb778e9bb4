using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using DbaaS.Contracts.Guest;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DbaaS.GuestAgent.Tests.Infrastructure;

public sealed record ReceivedReply(GuestReply Reply, string? UserId, string? ContentType);

public sealed record ReceivedReport(GuestEnvelope Envelope, HeartbeatArgs Heartbeat, string? UserId, DeliveryModes DeliveryMode);

/// <summary>
/// The control plane's side of one guest, with the admin user: calls and casts sealed envelopes to
/// <c>dbaas.guest</c>, gets replies on its own queue bound to <c>dbaas.replies</c>, and reads the heartbeats this
/// guest's user sends to <c>dbaas.conductor</c> (a private queue; other guests' reports are skipped).
/// </summary>
public sealed class ControlPlane : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    readonly string _instanceId;
    readonly byte[] _key;
    readonly IConnection _connection;
    readonly IChannel _channel;
    readonly string _replyKey = "test-replies." + Guid.NewGuid().ToString("N");
    readonly ConcurrentDictionary<string, TaskCompletionSource<ReceivedReply>> _pending = new();
    readonly Channel<ReceivedReport> _reports = Channel.CreateUnbounded<ReceivedReport>();

    ControlPlane(string instanceId, byte[] key, IConnection connection, IChannel channel)
    {
        _instanceId = instanceId;
        _key = key;
        _connection = connection;
        _channel = channel;
    }

    public static async Task<ControlPlane> CreateAsync(string instanceId, byte[] key)
    {
        var connection = await RabbitAdmin.AdminFactory().CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var plane = new ControlPlane(instanceId, key, connection, channel);
        await RabbitAdmin.DeclareExchangesAsync(channel);

        var replies = (await channel.QueueDeclareAsync(plane._replyKey, durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(replies, GuestTopology.RepliesExchange, plane._replyKey);
        var replyConsumer = new AsyncEventingBasicConsumer(channel);
        replyConsumer.ReceivedAsync += (_, delivery) => plane.OnReply(delivery);
        await channel.BasicConsumeAsync(replies, autoAck: true, replyConsumer);

        var reports = (await channel.QueueDeclareAsync("test-reports." + Guid.NewGuid().ToString("N"), durable: false,
            exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(reports, GuestTopology.ConductorExchange, GuestTopology.ReportsRoutingKey);
        var reportConsumer = new AsyncEventingBasicConsumer(channel);
        reportConsumer.ReceivedAsync += (_, delivery) => plane.OnReport(delivery);
        await channel.BasicConsumeAsync(reports, autoAck: true, reportConsumer);
        return plane;
    }

    public async Task<ReceivedReply> CallAsync(string method, JsonElement? args = null) =>
        (await SendAsync(Seal(new GuestEnvelope(method, args, _instanceId, DateTimeOffset.UtcNow, GuestEnvelope.CurrentVersion)), expectReply: true))!;

    public Task<ReceivedReply> CallAsync<T>(string method, T args, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        CallAsync(method, JsonSerializer.SerializeToElement(args, type));

    public async Task CastAsync(string method, JsonElement? args = null) =>
        await SendAsync(Seal(new GuestEnvelope(method, args, _instanceId, DateTimeOffset.UtcNow, GuestEnvelope.CurrentVersion)), expectReply: false);

    /// <summary>A call with any body at all (wrong key, wrong version, garbage): the reply is still awaited.</summary>
    public async Task<ReceivedReply> CallRawAsync(byte[] body) => (await SendAsync(body, expectReply: true))!;

    public byte[] Seal(GuestEnvelope envelope, byte[]? key = null) =>
        EnvelopeSeal.Seal(key ?? _key, _instanceId, JsonSerializer.SerializeToUtf8Bytes(envelope, GuestJson.Default.GuestEnvelope));

    async Task<ReceivedReply?> SendAsync(byte[] body, bool expectReply)
    {
        var correlationId = Guid.NewGuid().ToString("N");
        var properties = new BasicProperties { ContentType = "application/octet-stream" };
        TaskCompletionSource<ReceivedReply>? reply = null;
        if (expectReply)
        {
            reply = new TaskCompletionSource<ReceivedReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[correlationId] = reply;
            properties.CorrelationId = correlationId;
            properties.ReplyTo = _replyKey;
        }
        await _channel.BasicPublishAsync(GuestTopology.GuestExchange, _instanceId, mandatory: false, properties, body);
        if (reply is null) return null;
        return await reply.Task.WaitAsync(Deadline);
    }

    /// <summary>The next heartbeat from this guest that satisfies <paramref name="wanted"/> (any, when null).</summary>
    public async Task<ReceivedReport> NextHeartbeatAsync(Func<HeartbeatArgs, bool>? wanted = null)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var report = await _reports.Reader.ReadAsync(deadline.Token);
            if (wanted is null || wanted(report.Heartbeat)) return report;
        }
    }

    /// <summary>Forgets the heartbeats received so far, so the next one read is a fresh one.</summary>
    public void SkipHeartbeatsSoFar()
    {
        while (_reports.Reader.TryRead(out _)) { }
    }

    Task OnReply(BasicDeliverEventArgs delivery)
    {
        var correlationId = delivery.BasicProperties.CorrelationId;
        if (correlationId is null || !_pending.TryRemove(correlationId, out var waiter)) return Task.CompletedTask;
        try
        {
            var plaintext = EnvelopeSeal.Open(_key, _instanceId, delivery.Body.Span);
            var reply = JsonSerializer.Deserialize(plaintext, GuestJson.Default.GuestReply)!;
            waiter.TrySetResult(new ReceivedReply(reply, delivery.BasicProperties.UserId, delivery.BasicProperties.ContentType));
        }
        catch (Exception exception)
        {
            waiter.TrySetException(exception);
        }
        return Task.CompletedTask;
    }

    Task OnReport(BasicDeliverEventArgs delivery)
    {
        // Every guest's reports reach this queue (other tests run in parallel): keep only this guest's.
        if (delivery.BasicProperties.UserId != GuestTopology.UserFor(_instanceId)) return Task.CompletedTask;
        var plaintext = EnvelopeSeal.Open(_key, _instanceId, delivery.Body.Span);
        var envelope = JsonSerializer.Deserialize(plaintext, GuestJson.Default.GuestEnvelope)!;
        if (envelope.Method == GuestMethods.Heartbeat)
        {
            var heartbeat = envelope.Args!.Value.Deserialize(GuestJson.Default.HeartbeatArgs)!;
            _reports.Writer.TryWrite(new ReceivedReport(envelope, heartbeat, delivery.BasicProperties.UserId,
                delivery.BasicProperties.DeliveryMode));
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
