using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DbaaS.GuestAgent.Tests;

/// <summary>
/// What a guest's own RabbitMQ credentials allow, tried directly with the client as a compromised guest would:
/// its queue and the two report exchanges, nothing else (DESIGN §4).
/// </summary>
public sealed class GuestPermissionsTests
{
    const ushort AccessRefused = 403;
    const ushort PreconditionFailed = 406;

    [Fact]
    public async Task A_guest_may_consume_its_own_queue_but_not_another_guests()
    {
        await using var mine = await TestGuest.CreateAsync();
        await using var other = await TestGuest.CreateAsync();
        await using var connection = await RabbitAdmin.GuestFactory(mine.InstanceId, mine.Password).CreateConnectionAsync();

        await using var own = await connection.CreateChannelAsync();
        var ownTag = await own.BasicConsumeAsync(GuestTopology.QueueFor(mine.InstanceId), autoAck: false, new AsyncEventingBasicConsumer(own));
        await using var foreign = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            foreign.BasicConsumeAsync(GuestTopology.QueueFor(other.InstanceId), autoAck: false, new AsyncEventingBasicConsumer(foreign)));

        Assert.False(string.IsNullOrEmpty(ownTag));
        Assert.Equal(AccessRefused, foreign.CloseReason?.ReplyCode);
        Assert.Contains("ACCESS_REFUSED", refused.Message + foreign.CloseReason?.ReplyText);
    }

    [Fact]
    public async Task A_guest_may_not_publish_to_the_default_exchange()
    {
        await using var mine = await TestGuest.CreateAsync();
        await using var other = await TestGuest.CreateAsync();
        await using var connection = await RabbitAdmin.GuestFactory(mine.InstanceId, mine.Password).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));

        // The default exchange routes by queue name: write on it would be write on every queue.
        await Assert.ThrowsAnyAsync<Exception>(() => channel.BasicPublishAsync("", GuestTopology.QueueFor(other.InstanceId),
            mandatory: false, new BasicProperties { UserId = GuestTopology.UserFor(mine.InstanceId) }, "x"u8.ToArray()).AsTask());

        Assert.Equal(AccessRefused, channel.CloseReason?.ReplyCode);
        Assert.Equal(0u, await MessagesInAsync(GuestTopology.QueueFor(other.InstanceId)));
    }

    [Fact]
    public async Task A_guest_may_publish_reports_as_itself_but_not_with_another_user_id()
    {
        await using var mine = await TestGuest.CreateAsync();
        await using var connection = await RabbitAdmin.GuestFactory(mine.InstanceId, mine.Password).CreateConnectionAsync();
        await using var honest = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await using var spoofing = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));

        await honest.BasicPublishAsync(GuestTopology.ConductorExchange, GuestTopology.ReportsRoutingKey, mandatory: false,
            new BasicProperties { UserId = GuestTopology.UserFor(mine.InstanceId) }, "{}"u8.ToArray());
        await Assert.ThrowsAnyAsync<Exception>(() => spoofing.BasicPublishAsync(GuestTopology.ConductorExchange,
            GuestTopology.ReportsRoutingKey, mandatory: false,
            new BasicProperties { UserId = GuestTopology.UserFor(Guid.NewGuid().ToString()) }, "{}"u8.ToArray()).AsTask());

        Assert.True(honest.IsOpen);
        Assert.Equal(PreconditionFailed, spoofing.CloseReason?.ReplyCode);
    }

    [Fact]
    public async Task A_guest_may_declare_nothing()
    {
        await using var mine = await TestGuest.CreateAsync();
        await using var connection = await RabbitAdmin.GuestFactory(mine.InstanceId, mine.Password).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        await Assert.ThrowsAnyAsync<Exception>(() =>
            channel.QueueDeclareAsync(GuestTopology.QueueFor(mine.InstanceId) + ".extra", durable: false, exclusive: true, autoDelete: true));

        Assert.Equal(AccessRefused, channel.CloseReason?.ReplyCode);
    }

    static async Task<uint> MessagesInAsync(string queue)
    {
        await using var connection = await RabbitAdmin.AdminFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }
}
