using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Tests.Infrastructure;
using RabbitMQ.Client;

namespace DbaaS.GuestAgent.Tests;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task Heartbeats_reach_the_conductor_exchange_sealed_persistent_and_as_the_guest_user()
    {
        await using var guest = await TestGuest.CreateAsync(heartbeatSeconds: 0.5);
        guest.StartAgent();

        var first = await guest.ControlPlane.NextHeartbeatAsync();
        var second = await guest.ControlPlane.NextHeartbeatAsync();

        Assert.Equal(GuestTopology.UserFor(guest.InstanceId), first.UserId);
        Assert.Equal(DeliveryModes.Persistent, first.DeliveryMode);
        Assert.Equal(GuestMethods.Heartbeat, first.Envelope.Method);
        Assert.Equal(guest.InstanceId, first.Envelope.InstanceId);
        Assert.Equal(GuestEnvelope.CurrentVersion, first.Envelope.Version);
        // Not prepared yet: Trove's NEW.
        Assert.Equal(GuestServiceStatus.New, first.Heartbeat.ServiceStatus);
        Assert.Equal(2L << 30, first.Heartbeat.Volume!.SizeBytes);
        Assert.True(second.Envelope.Sent > first.Envelope.Sent);
    }

    [Fact]
    public async Task Heartbeats_follow_the_engine_from_new_through_running_to_shutdown()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();
        var before = await guest.ControlPlane.NextHeartbeatAsync();

        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);
        var running = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus == GuestServiceStatus.Running);
        await guest.ControlPlane.CallAsync(GuestMethods.StopDb);
        var stopped = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus != GuestServiceStatus.Running);

        Assert.Equal(GuestServiceStatus.New, before.Heartbeat.ServiceStatus);
        Assert.Null(before.Heartbeat.EngineVersion);
        Assert.Equal(FakeEngine.Version, running.Heartbeat.EngineVersion);
        Assert.True(running.Heartbeat.Volume!.UsedBytes >= FakeEnginePlugin.DataFileBytes);
        Assert.Equal(GuestServiceStatus.Shutdown, stopped.Heartbeat.ServiceStatus);
    }

    [Fact]
    public async Task A_failed_prepare_is_reported_as_failed_with_its_reason()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();
        guest.Engine.FailNextWith = "initdb: could not create directory";

        var reply = await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);
        var failed = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus == GuestServiceStatus.Failed);

        Assert.Equal(GuestErrorTypes.Failed, reply.Reply.Error?.Type);
        Assert.Contains("initdb: could not create directory", failed.Heartbeat.Message);
    }

    [Fact]
    public async Task An_agent_without_a_plugin_for_its_manager_still_heartbeats_failed_and_answers_calls()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent(_ => throw new NotSupportedException("no datastore plugin for manager 'fake-engine'"));

        var heartbeat = await guest.ControlPlane.NextHeartbeatAsync();
        var prepare = await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);
        var ping = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);

        Assert.Equal(GuestServiceStatus.Failed, heartbeat.Heartbeat.ServiceStatus);
        Assert.Contains("no datastore plugin", heartbeat.Heartbeat.Message);
        Assert.Equal(GuestErrorTypes.NotSupported, prepare.Reply.Error?.Type);
        Assert.Null(ping.Reply.Error);
    }

    [Fact]
    public async Task Heartbeats_and_calls_resume_after_the_broker_drops_the_connection()
    {
        await using var guest = await TestGuest.CreateAsync(heartbeatSeconds: 0.5);
        var run = guest.StartAgent();
        await guest.ControlPlane.NextHeartbeatAsync();

        var deadline = DateTime.UtcNow + ControlPlane.Deadline;
        var closed = 0;
        while (closed == 0 && DateTime.UtcNow < deadline)
        {
            closed = await RabbitAdmin.ForceCloseConnectionsOfAsync(GuestTopology.UserFor(guest.InstanceId));
            if (closed == 0) await Task.Delay(500);
        }
        var lost = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(() => guest.Log.Lines.Any(line => line.Contains("RabbitMQ connection recovered")), "recovery");
        guest.ControlPlane.SkipHeartbeatsSoFar();
        var afterRecovery = await guest.ControlPlane.NextHeartbeatAsync();
        var ping = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);

        Assert.Equal(1, closed);
        Assert.Contains(guest.Log.Lines, line => line.Contains("lost the RabbitMQ connection"));
        Assert.True(afterRecovery.Envelope.Sent > lost);
        Assert.Null(ping.Reply.Error);
        Assert.False(run.Completion.IsCompleted);
    }
}
