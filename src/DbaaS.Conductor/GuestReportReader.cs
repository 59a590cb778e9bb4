using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using Microsoft.Extensions.Logging;

namespace DbaaS.Conductor;

/// <summary>A report as it came off the queue; <see cref="UserId"/> is the AMQP user_id, which RabbitMQ verified.</summary>
public sealed record GuestReportDelivery(ulong DeliveryTag, string? UserId, byte[] Body);

/// <summary>A report whose sender is proven: its user, its key and its claimed instance all agree.</summary>
public sealed record GuestReport(Guid InstanceId, GuestEnvelope Envelope);

/// <summary>
/// Trust comes from the broker, not from the message: the instance is the one RabbitMQ vouches for (user_id), the
/// body must open under that instance's key, and must name that same instance. Anything else is dropped with a
/// warning that names users and instances, never keys or bodies.
/// </summary>
public sealed class GuestReportReader(IGuestKeyStore keys, ILogger<GuestReportReader> logger)
{
    public async Task<GuestReport?> ReadAsync(GuestReportDelivery delivery, CancellationToken cancellationToken)
    {
        if (GuestTopology.InstanceIdFromUser(delivery.UserId) is not { } claimed || !Guid.TryParse(claimed, out var instanceId))
        {
            logger.LogWarning("Rejected a report whose user_id {UserId} is not a guest's", delivery.UserId ?? "(none)");
            return null;
        }
        if (await keys.GetKeyAsync(instanceId, cancellationToken) is not { } key)
        {
            logger.LogWarning("Rejected a report from {UserId}: no such instance", delivery.UserId);
            return null;
        }
        GuestEnvelope? envelope;
        try
        {
            var plaintext = EnvelopeSeal.Open(key, instanceId.ToString(), delivery.Body);
            envelope = JsonSerializer.Deserialize(plaintext, GuestJson.Default.GuestEnvelope);
        }
        catch (Exception exception) when (exception is EnvelopeRejectedException or JsonException)
        {
            logger.LogWarning("Rejected a report from {UserId}: {Reason}", delivery.UserId, exception.Message);
            return null;
        }
        if (envelope is null || !Guid.TryParse(envelope.InstanceId, out var named) || named != instanceId)
        {
            logger.LogWarning("Rejected a report from {UserId} that speaks for instance {ClaimedInstance}", delivery.UserId, envelope?.InstanceId);
            return null;
        }
        if (envelope.Version != GuestEnvelope.CurrentVersion)
        {
            logger.LogWarning("Dropped a {Method} report from {UserId}: envelope version {Version} is not {Supported}",
                envelope.Method, delivery.UserId, envelope.Version, GuestEnvelope.CurrentVersion);
            return null;
        }
        return new GuestReport(instanceId, envelope);
    }
}
