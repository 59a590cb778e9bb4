using System.Diagnostics;
using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using DbaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DbaaS.IntegrationTests.Guests;

/// <summary>The RPC client against stand-in guests that log in to the real RabbitMQ with their real accounts.</summary>
public sealed class GuestClientTests(ITestOutputHelper output)
{
    static readonly TimeSpan Patient = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_call_round_trips_through_the_guests_queue_and_the_callers_reply_queue()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        await using var guest = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);
        var received = new TaskCompletionSource<StandInGuest.Call>();
        await guest.ServeAsync(async call =>
        {
            received.TrySetResult(call);
            var pong = JsonSerializer.SerializeToElement(new PingResult(true, "stand-in"), GuestJson.Default.PingResult);
            await guest.ReplyAsync(call, pong);
        });

        using var trace = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var result = await broker.Client.CallAsync(a.InstanceId, GuestMethods.RpcPing, null, Patient, CancellationToken.None);

        var ping = result.Deserialize(GuestJson.Default.PingResult)!;
        Assert.True(ping.Pong);
        Assert.Equal("stand-in", ping.AgentVersion);
        var seen = await received.Task;
        Assert.Equal(GuestMethods.RpcPing, seen.Envelope.Method);
        Assert.Equal(a.InstanceId.ToString(), seen.Envelope.InstanceId);
        Assert.Equal(GuestEnvelope.CurrentVersion, seen.Envelope.Version);
        Assert.Equal(trace.Id, seen.Envelope.Traceparent);
        Assert.Equal(broker.Admin.Username, seen.UserId);
        Assert.False(string.IsNullOrEmpty(seen.CorrelationId));
    }

    [Fact]
    public async Task A_call_waiting_when_the_broker_drops_the_connection_fails_as_unreachable_at_once_and_calls_work_after_recovery()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        await using var guest = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);
        var first = new TaskCompletionSource<StandInGuest.Call>(TaskCreationOptions.RunContinuationsAsynchronously);
        await guest.ServeAsync(async call =>
        {
            // The first call gets no answer here: in a broker restart its answer is lost with the reply queue.
            if (first.TrySetResult(call)) return;
            await guest.ReplyAsync(call, JsonSerializer.SerializeToElement(new PingResult(true, "stand-in"), GuestJson.Default.PingResult));
        });
        // Far longer than the test may take: only the dropped connection can end this call.
        var waiting = broker.Client.CallAsync(a.InstanceId, GuestMethods.RpcPing, null, TimeSpan.FromMinutes(10), CancellationToken.None);
        await first.Task.WaitAsync(Patient);

        var connection = await broker.Services.GetRequiredService<GuestBrokerConnection>().GetAsync(CancellationToken.None);
        await BrokerEndpoint.Shared.CloseConnectionAsync(connection.LocalPort, "test: broker restart");

        var lost = await Assert.ThrowsAsync<GuestUnreachableException>(() => waiting);
        Assert.Contains("connection to RabbitMQ was lost", lost.Message);
        var answer = await CallOnceRecoveredAsync(broker, a.InstanceId);
        Assert.Equal("stand-in", answer.Deserialize(GuestJson.Default.PingResult)!.AgentVersion);
    }

    /// <summary>Retries while the client is still reconnecting (what a workflow's transient retry does).</summary>
    static async Task<JsonElement> CallOnceRecoveredAsync(GuestBrokerHarness broker, Guid instanceId)
    {
        var deadline = DateTime.UtcNow + Patient;
        while (true)
        {
            try
            {
                return await broker.Client.CallAsync(instanceId, GuestMethods.RpcPing, null, TimeSpan.FromSeconds(5), CancellationToken.None);
            }
            catch (Exception exception) when (DateTime.UtcNow < deadline && exception is GuestUnreachableException
                or RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                await Task.Delay(200);
            }
        }
    }

    [Fact]
    public async Task Arguments_reach_the_guest_and_an_error_reply_becomes_GuestCallFailedException()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        await using var guest = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);
        await guest.ServeAsync(call =>
        {
            var size = call.Envelope.Args!.Value.Deserialize(GuestJson.Default.ResizeVolumeArgs)!.SizeGb;
            return guest.ReplyAsync(call, null, new GuestError(GuestErrorTypes.Failed, $"cannot grow to {size} GB"));
        });

        var failure = await Assert.ThrowsAsync<GuestCallFailedException>(() =>
            broker.Client.CallAsync(a.InstanceId, GuestMethods.ResizeVolume, new ResizeVolumeArgs(7), Patient, CancellationToken.None));

        Assert.Equal(GuestErrorTypes.Failed, failure.ErrorType);
        Assert.Equal("cannot grow to 7 GB", failure.Message);
    }

    [Fact]
    public async Task A_forged_reply_from_another_guests_account_is_ignored_and_the_real_one_accepted()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        var b = await broker.NewGuestAsync();
        await using var victim = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);
        await using var forger = await StandInGuest.ConnectAsync(b.InstanceId, b.Key, b.Rabbit);
        await victim.ServeAsync(async call =>
        {
            // B knows everything about the call and even A's key; only RabbitMQ's user_id check tells them apart.
            // Its reply is queued first (confirmed before A answers), so the client sees the forgery first.
            var forged = JsonSerializer.SerializeToElement(new PingResult(true, "forged"), GuestJson.Default.PingResult);
            await forger.ReplyAsync(call, forged, sealWith: a.Key, sealFor: a.InstanceId.ToString());
            var real = JsonSerializer.SerializeToElement(new PingResult(true, "real"), GuestJson.Default.PingResult);
            await victim.ReplyAsync(call, real);
        });

        var result = await broker.Client.CallAsync(a.InstanceId, GuestMethods.RpcPing, null, Patient, CancellationToken.None);

        Assert.Equal("real", result.Deserialize(GuestJson.Default.PingResult)!.AgentVersion);
    }

    [Fact]
    public async Task A_reply_that_does_not_open_under_the_instance_key_is_ignored_and_the_call_times_out()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        await using var guest = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);
        await guest.ServeAsync(call => guest.ReplyAsync(call, JsonSerializer.SerializeToElement(1), sealWith: EnvelopeSeal.NewKey()));

        var failure = await Assert.ThrowsAsync<GuestUnreachableException>(() =>
            broker.Client.CallAsync(a.InstanceId, GuestMethods.RpcPing, null, TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.Contains("did not answer", failure.Message);
    }

    [Fact]
    public async Task A_call_to_an_instance_without_a_queue_fails_at_once_as_unroutable()
    {
        await using var broker = new GuestBrokerHarness(output);
        var orphan = Guid.NewGuid();
        broker.Keys.Set(orphan, EnvelopeSeal.NewKey());

        // A long timeout: only the broker's basic.return can end this call with this message.
        var failure = await Assert.ThrowsAsync<GuestUnreachableException>(() =>
            broker.Client.CallAsync(orphan, GuestMethods.RpcPing, null, TimeSpan.FromMinutes(10), CancellationToken.None));

        Assert.Contains("No queue", failure.Message);
    }

    [Fact]
    public async Task A_call_nobody_answers_times_out_as_unreachable()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();

        var failure = await Assert.ThrowsAsync<GuestUnreachableException>(() =>
            broker.Client.CallAsync(a.InstanceId, GuestMethods.RpcPing, null, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("did not answer", failure.Message);
    }

    [Fact]
    public async Task A_cast_reaches_the_guest_without_a_reply_queue()
    {
        await using var broker = new GuestBrokerHarness(output);
        var a = await broker.NewGuestAsync();
        await using var guest = await StandInGuest.ConnectAsync(a.InstanceId, a.Key, a.Rabbit);
        var received = new TaskCompletionSource<StandInGuest.Call>();
        await guest.ServeAsync(call =>
        {
            received.TrySetResult(call);
            return Task.CompletedTask;
        });

        await broker.Client.CastAsync(a.InstanceId, GuestMethods.Restart, null, CancellationToken.None);

        var call = await received.Task.WaitAsync(Patient);
        Assert.Equal(GuestMethods.Restart, call.Envelope.Method);
        Assert.Null(call.ReplyTo);
        Assert.Null(call.CorrelationId);
    }
}
