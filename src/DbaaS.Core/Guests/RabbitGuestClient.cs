using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using DbaaS.Contracts.Guest;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace DbaaS.Core.Guests;

/// <summary>
/// <see cref="IGuestClient"/> over the shared control-plane connection. Replies come back on one exclusive queue per
/// process, bound to <c>dbaas.replies</c> under a routing key nobody else uses. A reply is trusted only when RabbitMQ
/// vouches that the instance's own user sent it (<c>user_id</c>), it opens under that instance's key, and it answers a
/// call still waiting: any guest may write to <c>dbaas.replies</c>, so anything else is a forgery or too late.
/// </summary>
public sealed class RabbitGuestClient(
    GuestBrokerConnection broker, GuestBrokerTopology topology, IGuestKeyStore keys, ILogger<RabbitGuestClient> logger)
    : IGuestClient, IAsyncDisposable
{
    public static readonly ActivitySource Telemetry = new("DbaaS.Guests");
    static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(10);
    static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement.Clone();

    sealed record PendingCall(string InstanceId, string Method, byte[] Key, TaskCompletionSource<GuestReply> Reply);

    readonly ConcurrentDictionary<string, PendingCall> _pending = new(StringComparer.Ordinal);
    readonly SemaphoreSlim _startGate = new(1, 1);
    IChannel? _publisher;
    IChannel? _replies;
    string? _replyKey;

    /// <summary>This process's reply routing key (and queue name); null before the first call.</summary>
    public string? ReplyRoutingKey => _replyKey;

    public async Task<JsonElement> CallAsync(Guid instanceId, string method, object? args, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await AnswerAsync(instanceId, method, args, timeout, cancellationToken)).Result;

    public async Task<GuestAnswer> AnswerAsync(Guid instanceId, string method, object? args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var publisher = await StartAsync(cancellationToken);
        var id = instanceId.ToString();
        var key = await KeyOf(instanceId, cancellationToken);
        using var activity = Telemetry.StartActivity($"guest call {method}", ActivityKind.Client);
        activity?.SetTag("dbaas.instance_id", id);

        var correlationId = Guid.NewGuid().ToString("N");
        var pending = new PendingCall(id, method, key, new TaskCompletionSource<GuestReply>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending[correlationId] = pending;
        try
        {
            var properties = Properties(persistent: false);
            properties.CorrelationId = correlationId;
            properties.ReplyTo = _replyKey;
            // A guest that starts late must not run a call its caller gave up on long ago.
            properties.Expiration = ((long)Math.Max(1, timeout.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await PublishAsync(publisher, id, key, method, args, properties, cancellationToken);

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            GuestReply reply;
            try
            {
                reply = await pending.Reply.Task.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new GuestUnreachableException($"The guest of instance {id} did not answer {method} within {timeout.TotalSeconds:0.#} s.");
            }
            if (reply.Error is { } error) throw new GuestCallFailedException(error.Type, error.Message);
            return new GuestAnswer(reply.Result ?? JsonNull, reply.Sent);
        }
        finally
        {
            _pending.TryRemove(correlationId, out _);
        }
    }

    public async Task CastAsync(Guid instanceId, string method, object? args, CancellationToken cancellationToken)
    {
        var publisher = await StartAsync(cancellationToken);
        var id = instanceId.ToString();
        var key = await KeyOf(instanceId, cancellationToken);
        using var activity = Telemetry.StartActivity($"guest cast {method}", ActivityKind.Producer);
        activity?.SetTag("dbaas.instance_id", id);
        await PublishAsync(publisher, id, key, method, args, Properties(persistent: true), cancellationToken);
    }

    BasicProperties Properties(bool persistent) => new()
    {
        ContentType = "application/octet-stream",
        DeliveryMode = persistent ? DeliveryModes.Persistent : DeliveryModes.Transient,
        // RabbitMQ checks it against our login; a guest may check it against the control plane's user.
        UserId = broker.Options.Username,
        MessageId = Guid.NewGuid().ToString("N"),
        Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
    };

    async Task PublishAsync(IChannel publisher, string instanceId, byte[] key, string method, object? args, BasicProperties properties, CancellationToken cancellationToken)
    {
        var envelope = new GuestEnvelope(method, GuestArguments.ToJson(args), instanceId, DateTimeOffset.UtcNow, GuestEnvelope.CurrentVersion,
            Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null);
        var body = EnvelopeSeal.Seal(key, instanceId, JsonSerializer.SerializeToUtf8Bytes(envelope, GuestJson.Default.GuestEnvelope));
        try
        {
            await publisher.BasicPublishAsync(GuestTopology.GuestExchange, instanceId, mandatory: true, properties, body, cancellationToken);
        }
        catch (PublishException exception) when (exception.IsReturn)
        {
            throw new GuestUnreachableException($"No queue for the guest of instance {instanceId} (its broker account does not exist): {method} was not delivered.");
        }
        catch (PublishException)
        {
            throw new GuestUnreachableException($"RabbitMQ refused {method} for the guest of instance {instanceId}.");
        }
    }

    async Task<byte[]> KeyOf(Guid instanceId, CancellationToken cancellationToken) =>
        await keys.GetKeyAsync(instanceId, cancellationToken)
        ?? throw new GuestUnreachableException($"Instance {instanceId} does not exist, so it has no guest to call.");

    async Task<IChannel> StartAsync(CancellationToken cancellationToken)
    {
        if (_publisher is { } ready) return ready;
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_publisher is not null) return _publisher;
            await topology.EnsureDeclaredAsync(cancellationToken);
            var connection = await ReadyConnectionAsync(cancellationToken);

            var replyKey = $"dbaas.replies.{Environment.ProcessId}.{Guid.NewGuid():N}";
            var replies = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            // Exclusive: it lives and dies with the connection; the client declares and binds it again on recovery.
            await replies.QueueDeclareAsync(replyKey, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
            await replies.QueueBindAsync(replyKey, GuestTopology.RepliesExchange, replyKey, cancellationToken: cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(replies);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                OnReply(delivery);
                return Task.CompletedTask;
            };
            replies.ChannelShutdownAsync += (_, shutdown) =>
            {
                FailPendingCalls(shutdown);
                return Task.CompletedTask;
            };
            await replies.BasicConsumeAsync(replyKey, autoAck: true, consumer, cancellationToken);

            // Confirms with tracking: an unroutable call (mandatory, no queue) comes back as a PublishException at once.
            var publisher = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            _replies = replies;
            _replyKey = replyKey;
            _publisher = publisher;
            return publisher;
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Waits a little for a recovering connection, then lets the caller retry as for any unreachable guest.</summary>
    async Task<IConnection> ReadyConnectionAsync(CancellationToken cancellationToken)
    {
        using var recovering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        recovering.CancelAfter(RecoveryWait);
        try
        {
            return await broker.GetReadyAsync(recovering.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GuestUnreachableException($"The connection to RabbitMQ is still recovering after {RecoveryWait.TotalSeconds:0} s: no guest can be called yet.");
        }
    }

    /// <summary>
    /// The reply queue went with the channel (a broker restart, a lost network): an answer sent meanwhile found no
    /// queue and is gone for good. Waiting out the timeout would only delay the caller, who retries an unreachable
    /// guest once the client has recovered (the guest may have run the call, as after any timeout).
    /// </summary>
    void FailPendingCalls(ShutdownEventArgs shutdown)
    {
        foreach (var (correlationId, call) in _pending)
            if (_pending.TryRemove(correlationId, out _))
                call.Reply.TrySetException(new GuestUnreachableException(
                    $"The connection to RabbitMQ was lost ({shutdown.ReplyCode} {shutdown.ReplyText}) while {call.Method} waited for the guest of instance {call.InstanceId} to answer."));
        if (shutdown.Initiator != ShutdownInitiator.Application)
            logger.LogWarning("Guest reply channel closed ({ReplyCode} {ReplyText}): calls waiting for an answer fail as unreachable", shutdown.ReplyCode, shutdown.ReplyText);
    }

    void OnReply(BasicDeliverEventArgs delivery)
    {
        var properties = delivery.BasicProperties;
        if (properties.CorrelationId is not { } correlationId || !_pending.TryGetValue(correlationId, out var call))
        {
            logger.LogDebug("Dropped a reply that answers no waiting call (late, or not ours)");
            return;
        }
        var expectedUser = GuestTopology.UserFor(call.InstanceId);
        if (!string.Equals(properties.UserId, expectedUser, StringComparison.Ordinal))
        {
            logger.LogWarning("Ignored a reply to {Method} for instance {InstanceId} sent by user {UserId}, not {ExpectedUser}",
                call.Method, call.InstanceId, properties.UserId ?? "(none)", expectedUser);
            return;
        }
        GuestReply? reply;
        try
        {
            var plaintext = EnvelopeSeal.Open(call.Key, call.InstanceId, delivery.Body.Span);
            reply = JsonSerializer.Deserialize(plaintext, GuestJson.Default.GuestReply);
        }
        catch (Exception exception) when (exception is EnvelopeRejectedException or JsonException)
        {
            logger.LogWarning("Ignored a reply to {Method} for instance {InstanceId}: {Reason}", call.Method, call.InstanceId, exception.Message);
            return;
        }
        if (reply is null || !string.Equals(reply.InstanceId, call.InstanceId, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Ignored a reply to {Method} for instance {InstanceId} that names another instance", call.Method, call.InstanceId);
            return;
        }
        call.Reply.TrySetResult(reply);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in new[] { _publisher, _replies })
            if (channel is not null)
            {
                try
                {
                    await channel.CloseAsync();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    logger.LogDebug(exception, "Closing a guest client channel failed");
                }
                channel.Dispose();
            }
        _publisher = _replies = null;
    }
}
