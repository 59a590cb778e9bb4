using System.Collections.Concurrent;
using DbaaS.Contracts.Guest;
using RabbitMQ.Client;

namespace DbaaS.Core.Guests;

/// <summary>
/// The exchanges and the conductor queue every guest relies on (DESIGN §4), declared idempotently with the
/// control-plane account. Whoever needs them first (guest client, accounts, conductor) declares them once per process.
/// </summary>
public sealed class GuestBrokerTopology(GuestBrokerConnection broker)
{
    readonly SemaphoreSlim _gate = new(1, 1);
    volatile bool _declared;

    public async Task EnsureDeclaredAsync(CancellationToken cancellationToken)
    {
        if (_declared) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_declared) return;
            var connection = await broker.GetAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await DeclareAsync(channel, cancellationToken);
            await channel.CloseAsync(cancellationToken);
            _declared = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// An instance's own queue, bound to <c>dbaas.guest</c> under its id. Over AMQP rather than the management API:
    /// a declare and a bind cost the broker a fraction of what two management HTTP calls do (docs/benchmarks.md).
    /// </summary>
    public async Task DeclareGuestQueueAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureDeclaredAsync(cancellationToken);
        var queue = GuestTopology.QueueFor(instanceId);
        var channel = await RentChannelAsync(cancellationToken);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, GuestTopology.GuestExchange, instanceId, cancellationToken: cancellationToken);
        }
        catch
        {
            // The broker closes a channel on any error: never handed out again.
            await channel.DisposeAsync();
            throw;
        }
        await ReturnChannelAsync(channel);
    }

    // Channels for the declares, kept open between them: opening and closing one per instance cost the broker
    // more CPU than the declare itself during a burst of creates.
    const int KeptChannels = 4;
    readonly ConcurrentBag<IChannel> _channels = [];

    async Task<IChannel> RentChannelAsync(CancellationToken cancellationToken)
    {
        while (_channels.TryTake(out var kept))
        {
            if (kept.IsOpen) return kept;
            await kept.DisposeAsync();
        }
        var connection = await broker.GetAsync(cancellationToken);
        return await connection.CreateChannelAsync(cancellationToken: cancellationToken);
    }

    async Task ReturnChannelAsync(IChannel channel)
    {
        if (channel.IsOpen && _channels.Count < KeptChannels) _channels.Add(channel);
        else await channel.DisposeAsync();
    }

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        foreach (var exchange in new[] { GuestTopology.GuestExchange, GuestTopology.ConductorExchange, GuestTopology.RepliesExchange })
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(GuestTopology.ConductorQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(GuestTopology.ConductorQueue, GuestTopology.ConductorExchange, GuestTopology.ReportsRoutingKey, cancellationToken: cancellationToken);
    }
}
