using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Tests.Infrastructure;

namespace DbaaS.GuestAgent.Tests;

/// <summary>
/// The agent stops and starts again while the engine (a <see cref="FakeEngine"/> shared by both agents) lives on:
/// what the user asked for must survive, and nothing must be started twice.
/// </summary>
public sealed class AgentRestartTests
{
    [Fact]
    public async Task An_engine_stopped_with_stop_db_stays_stopped_when_the_agent_restarts()
    {
        await using var guest = await TestGuest.CreateAsync();
        var first = guest.StartAgent();
        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);
        await guest.ControlPlane.CallAsync(GuestMethods.StopDb);
        await first.StopAsync();
        var startsBefore = guest.Engine.Starts;

        guest.ControlPlane.SkipHeartbeatsSoFar();
        guest.StartAgent();
        var afterRestart = await guest.ControlPlane.NextHeartbeatAsync();
        var ping = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);
        await Eventually.TrueAsync(() => guest.Log.Lines.Any(line => line.Contains("stopped by the user")), "the start-on-boot decision");

        Assert.Equal(GuestServiceStatus.Shutdown, afterRestart.Heartbeat.ServiceStatus);
        Assert.Null(ping.Reply.Error);
        Assert.Equal(startsBefore, guest.Engine.Starts);
        Assert.False(guest.Engine.Running);

        var start = await guest.ControlPlane.CallAsync(GuestMethods.StartDb);
        var running = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus == GuestServiceStatus.Running);
        Assert.Null(start.Reply.Error);
        Assert.Equal(GuestServiceStatus.Running, running.Heartbeat.ServiceStatus);
        Assert.False(File.Exists(Path.Combine(guest.Directory, "engine.stopped")));
    }

    [Fact]
    public async Task A_restarted_agent_starts_a_prepared_engine_and_remembers_its_version()
    {
        await using var guest = await TestGuest.CreateAsync();
        var first = guest.StartAgent();
        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);
        await first.StopAsync();
        Assert.True(guest.Engine.Running); // the agent stopping leaves the engine alone
        guest.Engine.Running = false;       // ... and then the machine rebooted

        guest.ControlPlane.SkipHeartbeatsSoFar();
        guest.StartAgent();
        var running = await guest.ControlPlane.NextHeartbeatAsync(beat => beat.ServiceStatus == GuestServiceStatus.Running);

        Assert.Equal(1, guest.Engine.Starts);
        Assert.Equal(FakeEngine.Version, running.Heartbeat.EngineVersion);
    }

    [Fact]
    public async Task An_unprepared_engine_is_not_started_when_the_agent_starts()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();

        var heartbeat = await guest.ControlPlane.NextHeartbeatAsync();

        Assert.Equal(GuestServiceStatus.New, heartbeat.Heartbeat.ServiceStatus);
        Assert.Equal(0, guest.Engine.Starts);
    }

    [Fact]
    public async Task Resize_volume_is_reported_at_once_and_kept_in_guest_json_for_the_next_agent()
    {
        await using var guest = await TestGuest.CreateAsync();
        var first = guest.StartAgent();
        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);

        var resized = await guest.ControlPlane.CallAsync(GuestMethods.ResizeVolume, new ResizeVolumeArgs(5), GuestJson.Default.ResizeVolumeArgs);
        await first.StopAsync();
        guest.StartAgent();
        var afterRestart = await guest.ControlPlane.CallAsync(GuestMethods.GetVolumeInfo);

        Assert.Null(resized.Reply.Error);
        Assert.Equal(5L << 30, resized.Reply.Result!.Value.Deserialize(GuestJson.Default.VolumeInfo)!.SizeBytes);
        Assert.Equal(5, guest.ReadConfig().VolumeSizeGb);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(guest.ConfigPath));
        var volume = afterRestart.Reply.Result!.Value.Deserialize(GuestJson.Default.VolumeInfo)!;
        Assert.Equal(5L << 30, volume.SizeBytes);
        Assert.True(volume.UsedBytes >= FakeEnginePlugin.DataFileBytes);
    }
}
