using System.Text.Json;
using DbaaS.Contracts.Guest;
using RabbitMQ.Client;

namespace DbaaS.GuestAgent.Messaging;

/// <summary>Everything the guest sends, sealed under the instance key: replies to calls, and reports to the conductor.</summary>
public sealed class SealedPublisher(GuestConnection connection, string instanceId, byte[] key, TimeProvider clock)
{
    const string SealedContentType = "application/octet-stream";

    public Task ReplyAsync(string replyTo, string? correlationId, JsonElement? result, GuestError? error,
        CancellationToken cancellationToken)
    {
        var reply = new GuestReply(instanceId, clock.GetUtcNow(), result, error);
        var body = Seal(JsonSerializer.SerializeToUtf8Bytes(reply, GuestJson.Default.GuestReply));
        // Transient: an answer nobody waits for any more is worth nothing after a broker restart.
        var properties = new BasicProperties
        {
            ContentType = SealedContentType,
            CorrelationId = correlationId,
            DeliveryMode = DeliveryModes.Transient,
        };
        return connection.PublishAsync(GuestTopology.RepliesExchange, replyTo, properties, body, cancellationToken);
    }

    /// <summary>Time for a report's <c>sent</c>: read it before reading the state the report describes.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <param name="sent">
    /// When the reported state was read (<see cref="Now"/> taken just before). The conductor orders reports, and
    /// weighs them against call replies, by this time: a report whose state was read before a reply was sent must
    /// never count as newer than that reply.
    /// </param>
    public Task ReportAsync(string method, JsonElement args, DateTimeOffset sent, CancellationToken cancellationToken)
    {
        var envelope = new GuestEnvelope(method, args, instanceId, sent, GuestEnvelope.CurrentVersion);
        var body = Seal(JsonSerializer.SerializeToUtf8Bytes(envelope, GuestJson.Default.GuestEnvelope));
        var properties = new BasicProperties
        {
            ContentType = SealedContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Type = method,
        };
        return connection.PublishAsync(GuestTopology.ConductorExchange, GuestTopology.ReportsRoutingKey, properties, body,
            cancellationToken);
    }

    byte[] Seal(byte[] plaintext) => EnvelopeSeal.Seal(key, instanceId, plaintext);
}
