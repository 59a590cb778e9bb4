using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Instances;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.Conductor;

/// <summary>One batch of deliveries: verify each, keep the newest heartbeat per instance, write them in one statement.</summary>
public sealed class GuestReportProcessor(
    GuestReportReader reader, HeartbeatWriter heartbeats, IOptions<ConductorOptions> options, ILogger<GuestReportProcessor> logger)
{
    public async Task ProcessAsync(IReadOnlyList<GuestReportDelivery> batch, CancellationToken cancellationToken)
    {
        var newest = new Dictionary<Guid, Heartbeat>();
        var latestAcceptable = DateTimeOffset.UtcNow.AddSeconds(options.Value.MaxClockSkewSeconds);
        foreach (var delivery in batch)
        {
            if (await reader.ReadAsync(delivery, cancellationToken) is not { } report) continue;
            var envelope = report.Envelope;
            if (envelope.Sent > latestAcceptable)
            {
                logger.LogWarning("Dropped a {Method} report of instance {InstanceId} dated {Sent:O}, ahead of our clock", envelope.Method, report.InstanceId, envelope.Sent);
                continue;
            }
            switch (envelope.Method)
            {
                case GuestMethods.Heartbeat:
                    if (ReadHeartbeat(report) is { } heartbeat
                        && (!newest.TryGetValue(report.InstanceId, out var seen) || seen.Sent < heartbeat.Sent))
                        newest[report.InstanceId] = heartbeat;
                    break;
                default:
                    logger.LogInformation("Ignored a report of unknown method {Method} from instance {InstanceId}", envelope.Method, report.InstanceId);
                    break;
            }
        }
        if (newest.Count == 0) return;
        var applied = await heartbeats.ApplyAsync(newest.Values, cancellationToken);
        logger.LogDebug("Applied {Applied} of {Count} heartbeats", applied, newest.Count);
    }

    Heartbeat? ReadHeartbeat(GuestReport report)
    {
        HeartbeatArgs? args = null;
        try
        {
            args = report.Envelope.Args?.Deserialize(GuestJson.Default.HeartbeatArgs);
        }
        catch (JsonException)
        {
        }
        if (args is null)
        {
            logger.LogWarning("Dropped a heartbeat of instance {InstanceId} without readable arguments", report.InstanceId);
            return null;
        }
        return new Heartbeat(report.InstanceId, report.Envelope.Sent, ServiceStatuses.FromGuest(args.ServiceStatus),
            args.Volume?.UsedBytes, args.EngineVersion);
    }
}
