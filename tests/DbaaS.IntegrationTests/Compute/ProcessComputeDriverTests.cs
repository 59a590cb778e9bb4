using System.Runtime.Versioning;
using DbaaS.Core.Instances;
using DbaaS.IntegrationTests.Guests;
using DbaaS.TaskManager.Compute;

namespace DbaaS.IntegrationTests.Compute;

/// <summary>The process compute driver with real detached processes: a stand-in guest script and its own children.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessComputeDriverTests
{
    const string Canary = "Messaging__RabbitMq__ComputeTestCanary";

    [Fact]
    public async Task Create_called_twice_concurrently_starts_one_detached_guest_WithStandInGuest()
    {
        await using var compute = new ProcessComputeHarness();
        var spec = ProcessComputeHarness.Spec(Guid.NewGuid());
        Environment.SetEnvironmentVariable(Canary, "must not reach the guest");

        var servers = await Task.WhenAll(
            compute.NewDriver().CreateServerAsync(spec, CancellationToken.None),
            compute.NewDriver().CreateServerAsync(spec, CancellationToken.None));

        Assert.All(servers, server => Assert.Equal(ServerStatuses.Active, server.Status));
        Assert.Equal(servers[0].Port, servers[1].Port);
        Assert.Equal("127.0.0.1", servers[0].Hostname);
        var guest = await compute.StandInPidAsync(spec.InstanceId, "guest");
        await compute.StandInPidAsync(spec.InstanceId, "engine");
        await Eventually.TrueAsync(() => compute.GuestsRunning(spec.InstanceId) == 1, "not exactly one guest runs for the instance");
        var directory = compute.InstanceDirectory(spec.InstanceId);
        Assert.Equal(guest.ToString(), File.ReadAllText(Path.Combine(directory, "guest.pid")).Trim());

        // Detached: its own session, not the control plane's; and none of the control plane's environment.
        var stat = File.ReadAllText($"/proc/{guest}/stat");
        Assert.Equal(guest.ToString(), stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3]);
        Assert.DoesNotContain(Canary, File.ReadAllText($"/proc/{guest}/environ"));

        var config = compute.ReadConfig(spec.InstanceId);
        Assert.Equal(spec.InstanceId.ToString(), config.InstanceId);
        Assert.Equal(Convert.ToBase64String(spec.GuestKey), config.Key);
        Assert.Equal(spec.GuestRabbit, config.Rabbit);
        Assert.Equal(Path.Combine(directory, "data"), config.DataDir);
        Assert.Equal(servers[0].Port, config.Port);
        Assert.Equal(compute.Options.HeartbeatSeconds, config.HeartbeatSeconds);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "guest.json")));
    }

    [Fact]
    public async Task Create_after_a_crash_that_lost_the_guests_pid_adopts_the_running_guest_WithStandInGuest()
    {
        await using var compute = new ProcessComputeHarness();
        var spec = ProcessComputeHarness.Spec(Guid.NewGuid());
        await compute.NewDriver().CreateServerAsync(spec, CancellationToken.None);
        var guest = await compute.StandInPidAsync(spec.InstanceId, "guest");
        await Eventually.TrueAsync(() => compute.GuestsRunning(spec.InstanceId) == 1, "the guest did not start");
        // As if the control plane died after starting the guest but before recording it.
        File.Delete(Path.Combine(compute.InstanceDirectory(spec.InstanceId), "guest.pid"));
        File.Delete(Path.Combine(compute.InstanceDirectory(spec.InstanceId), "guest.sessions"));

        var again = await compute.NewDriver().CreateServerAsync(spec, CancellationToken.None);

        Assert.Equal(ServerStatuses.Active, again.Status);
        Assert.Equal(guest.ToString(), File.ReadAllText(Path.Combine(compute.InstanceDirectory(spec.InstanceId), "guest.pid")).Trim());
        Assert.Equal(1, compute.GuestsRunning(spec.InstanceId));
    }

    [Fact]
    public async Task A_new_driver_finds_servers_again_and_brings_a_dead_guest_back_WithStandInGuest()
    {
        await using var compute = new ProcessComputeHarness();
        var spec = ProcessComputeHarness.Spec(Guid.NewGuid());
        var created = await compute.NewDriver().CreateServerAsync(spec, CancellationToken.None);
        var firstGuest = await compute.StandInPidAsync(spec.InstanceId, "guest");
        var firstChild = await compute.StandInPidAsync(spec.InstanceId, "child");

        var restarted = compute.NewDriver();
        var found = await restarted.GetServerAsync(spec.InstanceId, CancellationToken.None);
        Assert.Equal(ServerStatuses.Active, found!.Status);
        Assert.Equal(created.Port, found.Port);
        Assert.Contains(await restarted.ListServersAsync(CancellationToken.None), s => s.InstanceId == spec.InstanceId && s.Port == created.Port);
        Assert.Null(await restarted.GetServerAsync(Guid.NewGuid(), CancellationToken.None));

        System.Diagnostics.Process.GetProcessById(firstGuest).Kill();
        await Eventually.ValueAsync(() => restarted.GetServerAsync(spec.InstanceId, CancellationToken.None),
            s => s!.Status == ServerStatuses.Shutdown, "a dead guest still shows ACTIVE");

        // Create again on a server whose guest died: the guest starts again, once, on the same port.
        var again = await restarted.CreateServerAsync(spec, CancellationToken.None);
        Assert.Equal(ServerStatuses.Active, again.Status);
        Assert.Equal(created.Port, again.Port);
        var secondGuest = await compute.StandInPidAsync(spec.InstanceId, "guest", notEqualTo: firstGuest);
        var secondChild = await compute.StandInPidAsync(spec.InstanceId, "child");
        var secondEngine = await compute.StandInPidAsync(spec.InstanceId, "engine");

        // Reboot stops everything of the server (guest, children, engine, and the dead guest's orphan) and starts the guest again.
        await restarted.RebootAsync(spec.InstanceId, CancellationToken.None);
        var thirdGuest = await compute.StandInPidAsync(spec.InstanceId, "guest", notEqualTo: secondGuest);
        Assert.True(ProcessComputeHarness.IsAlive(thirdGuest));
        Assert.False(ProcessComputeHarness.IsAlive(firstChild), "the killed guest's child outlived the reboot");
        Assert.False(ProcessComputeHarness.IsAlive(secondGuest));
        Assert.False(ProcessComputeHarness.IsAlive(secondChild));
        Assert.False(ProcessComputeHarness.IsAlive(secondEngine));
        Assert.Equal(ServerStatuses.Active, (await restarted.GetServerAsync(spec.InstanceId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Create_again_with_new_broker_credentials_rewrites_guest_json_and_restarts_the_guest_WithStandInGuest()
    {
        await using var compute = new ProcessComputeHarness();
        var spec = ProcessComputeHarness.Spec(Guid.NewGuid(), password: "first");
        var driver = compute.NewDriver();
        var created = await driver.CreateServerAsync(spec, CancellationToken.None);
        var firstGuest = await compute.StandInPidAsync(spec.InstanceId, "guest");
        var firstChild = await compute.StandInPidAsync(spec.InstanceId, "child");
        var firstEngine = await compute.StandInPidAsync(spec.InstanceId, "engine");

        var renewed = spec with { GuestRabbit = spec.GuestRabbit with { Password = "second" } };
        var again = await driver.CreateServerAsync(renewed, CancellationToken.None);

        Assert.Equal(created.Port, again.Port);
        Assert.Equal("second", compute.ReadConfig(spec.InstanceId).Rabbit.Password);
        var secondGuest = await compute.StandInPidAsync(spec.InstanceId, "guest", notEqualTo: firstGuest);
        Assert.False(ProcessComputeHarness.IsAlive(firstGuest));
        Assert.True(ProcessComputeHarness.IsAlive(secondGuest));
        // Only the guest restarted: its engine keeps running for the new guest to adopt.
        Assert.True(ProcessComputeHarness.IsAlive(firstEngine));

        await driver.DeleteServerAsync(spec.InstanceId, CancellationToken.None);
        Assert.False(ProcessComputeHarness.IsAlive(firstChild), "the first guest's child outlived the delete");
        Assert.False(ProcessComputeHarness.IsAlive(firstEngine));
        Assert.False(ProcessComputeHarness.IsAlive(secondGuest));
    }

    [Fact]
    public async Task Resize_rewrites_guest_json_and_keeps_the_rest_WithStandInGuest()
    {
        await using var compute = new ProcessComputeHarness();
        var spec = ProcessComputeHarness.Spec(Guid.NewGuid());
        var driver = compute.NewDriver();
        await driver.CreateServerAsync(spec, CancellationToken.None);
        var before = compute.ReadConfig(spec.InstanceId);

        await driver.ResizeVolumeAsync(spec.InstanceId, 5, CancellationToken.None);
        await driver.ResizeFlavorAsync(spec.InstanceId, 2048, CancellationToken.None);

        var after = compute.ReadConfig(spec.InstanceId);
        Assert.Equal(before with { VolumeSizeGb = 5, MemoryMb = 2048 }, after);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(compute.InstanceDirectory(spec.InstanceId), "guest.json")));
        await Assert.ThrowsAsync<ServerNotFoundException>(() => driver.ResizeVolumeAsync(Guid.NewGuid(), 5, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_leaves_no_process_child_or_engine_and_no_directory_WithStandInGuest()
    {
        await using var compute = new ProcessComputeHarness();
        var spec = ProcessComputeHarness.Spec(Guid.NewGuid());
        var driver = compute.NewDriver();
        await driver.CreateServerAsync(spec, CancellationToken.None);
        var pids = new[]
        {
            await compute.StandInPidAsync(spec.InstanceId, "guest"),
            await compute.StandInPidAsync(spec.InstanceId, "child"),
            await compute.StandInPidAsync(spec.InstanceId, "engine"),
        };
        Assert.All(pids, pid => Assert.True(ProcessComputeHarness.IsAlive(pid)));

        // A new driver, as after a control-plane restart: the guest is not its child.
        await compute.NewDriver().DeleteServerAsync(spec.InstanceId, CancellationToken.None);

        Assert.All(pids, pid => Assert.False(ProcessComputeHarness.IsAlive(pid), $"process {pid} survived the delete"));
        Assert.False(Directory.Exists(compute.InstanceDirectory(spec.InstanceId)));
        Assert.Null(await driver.GetServerAsync(spec.InstanceId, CancellationToken.None));
        await driver.DeleteServerAsync(spec.InstanceId, CancellationToken.None);
    }

    [Fact]
    public async Task Ten_instances_created_at_once_by_two_drivers_get_ten_ports_in_the_range_WithStandInGuest()
    {
        await using var compute = new ProcessComputeHarness();
        var drivers = new[] { compute.NewDriver(), compute.NewDriver() };

        var servers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => drivers[i % 2].CreateServerAsync(ProcessComputeHarness.Spec(Guid.NewGuid()), CancellationToken.None)));

        Assert.Equal(10, servers.Select(s => s.Port).Distinct().Count());
        Assert.All(servers, s => Assert.InRange(s.Port, compute.Options.PortRangeStart, compute.Options.PortRangeEnd));
        Assert.Equal(10, (await drivers[0].ListServersAsync(CancellationToken.None)).Count);
    }
}
