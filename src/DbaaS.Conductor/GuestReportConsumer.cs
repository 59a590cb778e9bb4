using System.Threading.Channels;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DbaaS.Conductor;

/// <summary>
/// Takes guest reports off the conductor queue in batches: whatever arrived within a short window after the first,
/// up to <see cref="ConductorOptions.BatchSize"/>, one database round trip, then one ack for the lot. A failed batch
/// goes back to the queue; the conditional UPDATE makes the redelivery harmless.
/// </summary>
public sealed class GuestReportConsumer(
    GuestBrokerConnection broker, GuestBrokerTopology topology, GuestReportProcessor processor,
    IOptions<ConductorOptions> options, ILogger<GuestReportConsumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (ClosedChannel(exception) is { } closed)
            {
                // A broker restart or a lost network: the connection recovers by itself, consuming starts again after.
                logger.LogWarning("Guest report consumer stopped: {Reason}; consuming again once RabbitMQ is back", closed.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Guest report consumer stopped; starting again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <summary>The inbox hands the channel's shutdown over wrapped in a <see cref="ChannelClosedException"/>.</summary>
    static ConductorChannelClosedException? ClosedChannel(Exception exception) =>
        exception as ConductorChannelClosedException ?? exception.InnerException as ConductorChannelClosedException;

    async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await topology.EnsureDeclaredAsync(cancellationToken);
        // Not during the client's recovery: a consumer started then is left on an orphaned channel (see GetReadyAsync).
        var connection = await broker.GetReadyAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        if (settings.Queue != GuestTopology.ConductorQueue)
        {
            await channel.QueueDeclareAsync(settings.Queue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(settings.Queue, GuestTopology.ConductorExchange, GuestTopology.ReportsRoutingKey, cancellationToken: cancellationToken);
        }
        await channel.BasicQosAsync(0, (ushort)Math.Clamp(settings.BatchSize, 1, ushort.MaxValue), global: false, cancellationToken);

        var inbox = Channel.CreateUnbounded<GuestReportDelivery>(new UnboundedChannelOptions { SingleReader = true });
        // Delivery tags belong to this channel: once it closes, what is still in the inbox can never be acked here.
        channel.ChannelShutdownAsync += (_, shutdown) =>
        {
            inbox.Writer.TryComplete(new ConductorChannelClosedException($"conductor channel closed ({shutdown.ReplyCode} {shutdown.ReplyText})"));
            return Task.CompletedTask;
        };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            inbox.Writer.TryWrite(new GuestReportDelivery(delivery.DeliveryTag, delivery.BasicProperties.UserId, delivery.Body.ToArray()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, cancellationToken);
        logger.LogInformation("Conductor consuming {Queue}", settings.Queue);

        while (true)
        {
            var batch = await NextBatchAsync(inbox.Reader, settings, cancellationToken);
            try
            {
                await processor.ProcessAsync(batch, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "A batch of {Count} guest reports failed; returning it to the queue", batch.Count);
                await channel.BasicNackAsync(batch[^1].DeliveryTag, multiple: true, requeue: true, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }
            // Rejected reports are acknowledged too: they were read, logged and dropped; redelivery would not help.
            await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, cancellationToken);
        }
    }

    static async Task<List<GuestReportDelivery>> NextBatchAsync(ChannelReader<GuestReportDelivery> inbox, ConductorOptions settings, CancellationToken cancellationToken)
    {
        var batch = new List<GuestReportDelivery> { await inbox.ReadAsync(cancellationToken) };
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(TimeSpan.FromMilliseconds(settings.BatchWindowMilliseconds));
        while (batch.Count < settings.BatchSize)
        {
            if (inbox.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }
            try
            {
                if (!await inbox.WaitToReadAsync(window.Token)) break;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        return batch;
    }
}

/// <summary>The conductor's channel closed under it (a broker restart, say): what it held can no longer be acked.</summary>
sealed class ConductorChannelClosedException(string message) : IOException(message);
