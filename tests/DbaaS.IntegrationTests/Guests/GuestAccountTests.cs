using System.Diagnostics;
using DbaaS.Contracts.Guest;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace DbaaS.IntegrationTests.Guests;

/// <summary>The per-instance broker accounts against the real RabbitMQ: what a guest may and may not do with its own credentials.</summary>
public sealed class GuestAccountTests(ITestOutputHelper output)
{
    const ushort AccessRefused = 403;
    const ushort PreconditionFailed = 406;
    // Routes nowhere: publishing to it proves the exchange permission without leaving messages in shared queues.
    const string NoRoute = "dbaas-test-no-route";

    [Fact]
    public async Task A_guest_reads_only_its_own_queue_and_writes_only_the_conductor_and_replies_exchanges()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        var b = await broker.NewGuestAsync();
        await using var guest = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);

        var own = await guest.Connection.CreateChannelAsync();
        await own.BasicConsumeAsync(GuestTopology.QueueFor(a.InstanceId.ToString()), autoAck: true, new AsyncEventingBasicConsumer(own));
        Assert.True(own.IsOpen);

        Assert.Equal(AccessRefused, await RefusalAsync(await guest.Connection.CreateChannelAsync(), channel =>
            channel.BasicConsumeAsync(GuestTopology.QueueFor(b.InstanceId.ToString()), autoAck: true, new AsyncEventingBasicConsumer(channel))));
        Assert.Equal(AccessRefused, await RefusalAsync(await guest.ConfirmingChannelAsync(), channel =>
            channel.BasicPublishAsync("", GuestTopology.QueueFor(b.InstanceId.ToString()), true, new BasicProperties { UserId = a.Rabbit.User }, "x"u8.ToArray()).AsTask()));
        Assert.Equal(AccessRefused, await RefusalAsync(await guest.ConfirmingChannelAsync(), channel =>
            channel.BasicPublishAsync(GuestTopology.GuestExchange, b.InstanceId.ToString(), true, new BasicProperties { UserId = a.Rabbit.User }, "x"u8.ToArray()).AsTask()));
        Assert.Equal(AccessRefused, await RefusalAsync(await guest.Connection.CreateChannelAsync(), channel =>
            channel.QueueDeclareAsync($"guest.{a.InstanceId}.extra", durable: false, exclusive: true, autoDelete: true)));

        // RabbitMQ checks user_id against the login: a guest cannot speak as another.
        Assert.Equal(PreconditionFailed, await RefusalAsync(await guest.ConfirmingChannelAsync(), channel =>
            channel.BasicPublishAsync(GuestTopology.ConductorExchange, NoRoute, false, new BasicProperties { UserId = b.Rabbit.User }, "x"u8.ToArray()).AsTask()));

        await using var allowed = await guest.ConfirmingChannelAsync();
        foreach (var exchange in new[] { GuestTopology.ConductorExchange, GuestTopology.RepliesExchange })
            await allowed.BasicPublishAsync(exchange, NoRoute, false, new BasicProperties { UserId = a.Rabbit.User }, "x"u8.ToArray());
        Assert.True(allowed.IsOpen);

        await using var admin = await broker.AdminConnectionAsync();
        await using var look = await admin.CreateChannelAsync();
        var queueOfB = await look.QueueDeclarePassiveAsync(GuestTopology.QueueFor(b.InstanceId.ToString()));
        Assert.Equal(0u, queueOfB.MessageCount);
    }

    [Fact]
    public async Task Deleting_an_account_closes_the_guests_connection_and_removes_user_and_queue()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        await using var guest = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);
        Assert.True(await broker.Accounts.ExistsAsync(a.InstanceId, CancellationToken.None));

        await broker.Accounts.DeleteAsync(a.InstanceId, CancellationToken.None);

        await Eventually.TrueAsync(() => !guest.Connection.IsOpen, "the deleted guest's connection stays open");
        Assert.False(await broker.Accounts.ExistsAsync(a.InstanceId, CancellationToken.None));
        await using var admin = await broker.AdminConnectionAsync();
        var look = await admin.CreateChannelAsync();
        var missing = await Assert.ThrowsAsync<OperationInterruptedException>(() => look.QueueDeclarePassiveAsync(GuestTopology.QueueFor(a.InstanceId.ToString())));
        Assert.Equal(404, missing.ShutdownReason!.ReplyCode);
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => StandInGuest.Factory(a.Rabbit).CreateConnectionAsync());
        // Already gone: still a success.
        await broker.Accounts.DeleteAsync(a.InstanceId, CancellationToken.None);
    }

    [Fact]
    public async Task Creating_an_account_again_issues_a_new_password_and_retires_the_old_one()
    {
        await using var broker = new GuestBrokerHarness(output);
        var first = await broker.NewGuestAsync();
        var second = await broker.Accounts.CreateAsync(first.InstanceId, CancellationToken.None);

        Assert.NotEqual(first.Rabbit.Password, second.Password);
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => StandInGuest.Factory(first.Rabbit).CreateConnectionAsync());
        await using var guest = await StandInGuest.ConnectAsync(first.InstanceId, first.Key, second);
        Assert.True(guest.Connection.IsOpen);
    }

    [Fact]
    public async Task Account_creation_cost_is_measured()
    {
        await using var broker = new GuestBrokerHarness();
        await broker.NewGuestAsync(); // warm up HTTP and the topology
        var timings = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var guest = await broker.NewGuestAsync();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.True(await broker.Accounts.ExistsAsync(guest.InstanceId, CancellationToken.None));
        }
        timings.Sort();
        output.WriteLine($"guest account (user, permissions, queue, binding): median {timings[5]:0.0} ms, min {timings[0]:0.0}, max {timings[^1]:0.0} over 10");
    }

    /// <summary>The reply code with which the broker closed the channel after <paramref name="action"/>.</summary>
    static async Task<ushort> RefusalAsync(IChannel channel, Func<IChannel, Task> action)
    {
        try
        {
            await action(channel);
        }
        catch (Exception exception) when (exception is OperationInterruptedException or AlreadyClosedException or PublishException)
        {
        }
        await Eventually.TrueAsync(() => !channel.IsOpen, "the broker allowed it");
        return channel.CloseReason!.ReplyCode;
    }
}

public static class Eventually
{
    /// <summary>Waits for a condition with a generous deadline; fails with <paramref name="failure"/> if it never holds.</summary>
    public static async Task TrueAsync(Func<bool> condition, string failure, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(25);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string failure, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"{failure} (last: {value})");
            await Task.Delay(50);
        }
    }
}
