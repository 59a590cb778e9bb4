using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Tests.Infrastructure;

namespace DbaaS.GuestAgent.Tests;

/// <summary>Calls through the real RabbitMQ to an in-process agent driving <see cref="FakeEnginePlugin"/>.</summary>
public sealed class RpcDispatchTests
{
    [Fact]
    public async Task RpcPing_gets_a_sealed_reply_published_as_the_guest_user()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();

        var received = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);

        Assert.Null(received.Reply.Error);
        var pong = received.Reply.Result!.Value.Deserialize(GuestJson.Default.PingResult)!;
        Assert.True(pong.Pong);
        Assert.False(string.IsNullOrEmpty(pong.AgentVersion));
        Assert.Equal(guest.InstanceId, received.Reply.InstanceId);
        Assert.Equal(GuestTopology.UserFor(guest.InstanceId), received.UserId);
        Assert.Equal("application/octet-stream", received.ContentType);
    }

    [Fact]
    public async Task Unknown_method_and_wrong_version_get_error_replies_and_the_agent_keeps_serving()
    {
        await using var guest = await TestGuest.CreateAsync();
        var run = guest.StartAgent();

        var unknown = await guest.ControlPlane.CallAsync("drop_everything");
        var future = await guest.ControlPlane.CallRawAsync(guest.ControlPlane.Seal(new GuestEnvelope(
            GuestMethods.RpcPing, null, guest.InstanceId, DateTimeOffset.UtcNow, GuestEnvelope.CurrentVersion + 1)));
        var ping = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);

        Assert.Equal(GuestErrorTypes.UnknownMethod, unknown.Reply.Error?.Type);
        Assert.Contains("drop_everything", unknown.Reply.Error!.Message);
        Assert.Null(unknown.Reply.Result);
        Assert.Equal(GuestErrorTypes.UnsupportedVersion, future.Reply.Error?.Type);
        Assert.Null(ping.Reply.Error);
        Assert.False(run.Completion.IsCompleted);
    }

    [Fact]
    public async Task Bodies_that_do_not_open_or_are_for_another_instance_are_rejected_and_the_agent_survives()
    {
        await using var guest = await TestGuest.CreateAsync();
        var run = guest.StartAgent();
        var ping = new GuestEnvelope(GuestMethods.RpcPing, null, guest.InstanceId, DateTimeOffset.UtcNow, GuestEnvelope.CurrentVersion);

        var wrongKey = await guest.ControlPlane.CallRawAsync(guest.ControlPlane.Seal(ping, EnvelopeSeal.NewKey()));
        var garbage = await guest.ControlPlane.CallRawAsync("not sealed at all"u8.ToArray());
        var notJson = await guest.ControlPlane.CallRawAsync(EnvelopeSeal.Seal(guest.Key, guest.InstanceId, "{{{"u8));
        var forAnother = await guest.ControlPlane.CallRawAsync(guest.ControlPlane.Seal(ping with { InstanceId = Guid.NewGuid().ToString() }));
        var stillServing = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);

        foreach (var rejected in new[] { wrongKey, garbage, notJson, forAnother })
        {
            Assert.Equal(GuestErrorTypes.InvalidEnvelope, rejected.Reply.Error?.Type);
            Assert.Null(rejected.Reply.Result);
        }
        Assert.Contains("another instance", forAnother.Reply.Error!.Message);
        Assert.Null(stillServing.Reply.Error);
        Assert.False(run.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_plugin_failure_becomes_a_failed_reply_with_its_message()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();
        guest.Engine.FailNextWith = "the engine refused to restart: disk full";

        var restart = await guest.ControlPlane.CallAsync(GuestMethods.Restart);
        var again = await guest.ControlPlane.CallAsync(GuestMethods.Restart);

        Assert.Equal(GuestErrorTypes.Failed, restart.Reply.Error?.Type);
        Assert.Contains("the engine refused to restart: disk full", restart.Reply.Error!.Message);
        Assert.Null(again.Reply.Error);
        Assert.Equal(1, guest.Engine.Restarts);
    }

    [Fact]
    public async Task Missing_or_wrong_arguments_get_bad_arguments_before_the_plugin_sees_them()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();

        var noArgs = await guest.ControlPlane.CallAsync(GuestMethods.Prepare);
        var wrongType = await guest.ControlPlane.CallAsync(GuestMethods.ResizeVolume,
            JsonDocument.Parse("""{"size_gb":"big"}""").RootElement);
        var negative = await guest.ControlPlane.CallAsync(GuestMethods.ApplyFlavor,
            new ApplyFlavorArgs(-1), GuestJson.Default.ApplyFlavorArgs);
        var nameless = await guest.ControlPlane.CallAsync(GuestMethods.Prepare,
            new PrepareArgs(512, 2, [new DatabaseSpec("")], []), GuestJson.Default.PrepareArgs);

        foreach (var bad in new[] { noArgs, wrongType, negative, nameless })
            Assert.Equal(GuestErrorTypes.BadArguments, bad.Reply.Error?.Type);
        Assert.Equal(0, guest.Engine.Prepares);
        Assert.Equal(0, guest.Engine.AppliedMemoryMb);
    }

    [Fact]
    public async Task A_cast_runs_without_a_reply()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();
        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);

        await guest.ControlPlane.CastAsync(GuestMethods.StopDb);

        await Eventually.TrueAsync(() => guest.Engine.Stops == 1, "the cast stop_db");
        var heartbeat = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus == GuestServiceStatus.Shutdown);
        Assert.Equal(GuestServiceStatus.Shutdown, heartbeat.Heartbeat.ServiceStatus);
        Assert.False(guest.Engine.Running);
    }

    [Fact]
    public async Task Pings_and_volume_info_answer_while_a_long_prepare_runs()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();
        guest.Engine.PrepareGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var prepare = guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);
        var building = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus == GuestServiceStatus.Building);
        var ping = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);
        var volume = await guest.ControlPlane.CallAsync(GuestMethods.GetVolumeInfo);
        var prepareWasStillRunning = !prepare.IsCompleted;
        guest.Engine.PrepareGate.SetResult();
        var prepared = await prepare;

        Assert.True(prepareWasStillRunning);
        Assert.Equal(GuestServiceStatus.Building, building.Heartbeat.ServiceStatus);
        Assert.Null(ping.Reply.Error);
        Assert.Null(volume.Reply.Error);
        Assert.Null(prepared.Reply.Error);
        Assert.Equal(FakeEngine.Version, prepared.Reply.Result!.Value.Deserialize(GuestJson.Default.PrepareResult)!.EngineVersion);
        var running = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus == GuestServiceStatus.Running);
        Assert.Equal(FakeEngine.Version, running.Heartbeat.EngineVersion);
    }

    [Fact]
    public async Task Engine_operations_run_one_at_a_time()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();
        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);

        var replies = await Task.WhenAll(
            guest.ControlPlane.CallAsync(GuestMethods.Restart),
            guest.ControlPlane.CallAsync(GuestMethods.StopDb),
            guest.ControlPlane.CallAsync(GuestMethods.StartDb),
            guest.ControlPlane.CallAsync(GuestMethods.ApplyFlavor, new ApplyFlavorArgs(1024), GuestJson.Default.ApplyFlavorArgs),
            guest.ControlPlane.CallAsync(GuestMethods.Restart));

        Assert.All(replies, reply => Assert.Null(reply.Reply.Error));
        Assert.Equal(1, guest.Engine.MaxConcurrentOperations);
        Assert.Equal(2, guest.Engine.Restarts);
        Assert.Equal(1024, guest.Engine.AppliedMemoryMb);
        Assert.Equal(1024, guest.ReadConfig().MemoryMb);
    }
}

static class Requests
{
    public const string UserPassword = "pw-Zq8-never-logged";

    public static PrepareArgs Prepare(int memoryMb = 512, int volumeSizeGb = 2) =>
        new(memoryMb, volumeSizeGb, [new DatabaseSpec("app")], [new UserSpec("alice", UserPassword, null, ["app"])]);
}
