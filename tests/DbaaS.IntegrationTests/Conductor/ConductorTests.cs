using DbaaS.Contracts.Guest;
using DbaaS.Core.Instances;
using DbaaS.Core.Guests;
using DbaaS.IntegrationTests.Guests;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.Core.Data;
using DbaaS.TaskManager.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DbaaS.IntegrationTests.Conductor;

/// <summary>
/// The conductor against the real RabbitMQ and PostgreSQL, fed by stand-in guests logged in with their real accounts.
/// To prove a report was dropped, a marker heartbeat from another guest follows it: the queue is FIFO and has one
/// consumer, so once the marker is applied, the report before it has been processed.
/// </summary>
public sealed class ConductorTests(ConductorFixture conductor) : IClassFixture<ConductorFixture>
{
    static readonly TimeSpan Microsecond = TimeSpan.FromTicks(10);

    [Fact]
    public async Task A_heartbeat_is_applied_and_an_older_one_is_dropped()
    {
        await using var guest = await conductor.NewGuestAsync();
        await using var marker = await conductor.NewGuestAsync();
        var sent = DateTimeOffset.UtcNow;

        await guest.ReportAsync(guest.Heartbeat(GuestServiceStatus.Running, sent, usedBytes: 1234, engineVersion: "10.11.9"));
        var applied = await Eventually.ValueAsync(() => conductor.ReadAsync(guest.InstanceId), r => r.ServiceStatus == ServiceStatuses.Healthy,
            "the heartbeat was not applied");
        Assert.Equal(1234, applied.VolumeUsedBytes);
        Assert.Equal("10.11.9", applied.EngineVersion);
        Assert.NotNull(applied.ServiceStatusUpdated);
        Assert.InRange(applied.GuestLastSent!.Value - sent.UtcDateTime, -Microsecond, Microsecond);

        await guest.ReportAsync(guest.Heartbeat(GuestServiceStatus.Crashed, sent.AddSeconds(-10), usedBytes: 1, engineVersion: "stale"));
        await ReportAndWaitAsync(marker);

        Assert.Equal(applied, await conductor.ReadAsync(guest.InstanceId));

        // Newer, without volume figures: applied, and the last known volume stays.
        await guest.ReportAsync(guest.Heartbeat(GuestServiceStatus.Blocked, sent.AddSeconds(1)));
        var blocked = await Eventually.ValueAsync(() => conductor.ReadAsync(guest.InstanceId), r => r.ServiceStatus == ServiceStatuses.Blocked,
            "the newer heartbeat was not applied");
        Assert.Equal(1234, blocked.VolumeUsedBytes);
    }

    [Fact]
    public async Task A_building_report_read_after_the_build_ended_keeps_the_instance_active()
    {
        // Its state read while prepare ran, read by the conductor after the taskmanager recorded HEALTHY with the
        // time of prepare's answer. A guest still building reports as before.
        await using var built = await conductor.NewGuestAsync(taskStatus: "NONE");
        await using var building = await conductor.NewGuestAsync(taskStatus: "BUILDING");
        await using var marker = await conductor.NewGuestAsync();
        var prepareAnswered = DateTimeOffset.UtcNow;
        await RecordAsWorkflowAsync(built.InstanceId, prepareAnswered);

        await built.ReportAsync(built.Heartbeat(GuestServiceStatus.Building, prepareAnswered.AddMilliseconds(-1), usedBytes: 42));
        await building.ReportAsync(building.Heartbeat(GuestServiceStatus.Building, DateTimeOffset.UtcNow));
        await ReportAndWaitAsync(marker);

        Assert.Equal(ServiceStatuses.Healthy, (await conductor.ReadAsync(built.InstanceId)).ServiceStatus);
        Assert.Equal(ServiceStatuses.Building, (await conductor.ReadAsync(building.InstanceId)).ServiceStatus);
    }

    [Fact]
    public async Task A_heartbeat_read_before_the_guest_answered_a_workflow_does_not_undo_what_the_workflow_recorded()
    {
        // A restart: the guest reported "shutdown" while its engine restarted, answered the restart call, and the
        // taskmanager recorded HEALTHY with the answer's time. The report arrives after that.
        await using var guest = await conductor.NewGuestAsync(taskStatus: "NONE");
        await using var marker = await conductor.NewGuestAsync();
        var answered = DateTimeOffset.UtcNow;
        await RecordAsWorkflowAsync(guest.InstanceId, answered);
        await RecordAsWorkflowAsync(guest.InstanceId, answered.AddSeconds(-5)); // an older answer never moves the time back

        await guest.ReportAsync(guest.Heartbeat(GuestServiceStatus.Shutdown, answered.AddMilliseconds(-1)));
        await ReportAndWaitAsync(marker);
        var kept = await conductor.ReadAsync(guest.InstanceId);
        Assert.Equal(ServiceStatuses.Healthy, kept.ServiceStatus);
        Assert.InRange(kept.GuestLastSent!.Value - answered.UtcDateTime, -Microsecond, Microsecond);

        // A report read after the answer is news: applied.
        await guest.ReportAsync(guest.Heartbeat(GuestServiceStatus.Crashed, answered.AddMilliseconds(1)));
        await Eventually.ValueAsync(() => conductor.ReadAsync(guest.InstanceId), r => r.ServiceStatus == ServiceStatuses.Crashed,
            "the report read after the answer was not applied");
    }

    async Task RecordAsWorkflowAsync(Guid instanceId, DateTimeOffset answered)
    {
        await using var dataSource = NpgsqlDataSource.Create(conductor.Database.ConnectionString);
        await using var db = new DbaaSDbContext(new DbContextOptionsBuilder<DbaaSDbContext>().UseNpgsql(dataSource).Options);
        await db.Instances.Where(i => i.Id == instanceId).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(i => i.ServiceStatus, ServiceStatuses.Healthy);
            TaskStore.GuestAnswered(s, answered);
        });
    }

    [Fact]
    public async Task A_report_from_another_instances_user_is_rejected_whatever_key_seals_it()
    {
        await using var victim = await conductor.NewGuestAsync();
        await using var impostor = await conductor.NewGuestAsync();
        await using var marker = await conductor.NewGuestAsync();
        var claim = victim.Heartbeat(GuestServiceStatus.Running, DateTimeOffset.UtcNow, usedBytes: 666);

        // The impostor even holds the victim's key: the conductor still opens with the key of the user RabbitMQ vouches for.
        await impostor.ReportAsync(claim, sealWith: victim.Key, sealFor: victim.InstanceId.ToString());
        // Sealed correctly as itself, but naming the victim inside.
        await impostor.ReportAsync(claim, sealWith: impostor.Key, sealFor: impostor.InstanceId.ToString());
        // An unknown method is logged and acknowledged; the consumer carries on.
        await impostor.ReportAsync(new GuestEnvelope("no_such_report", null, impostor.InstanceId.ToString(), DateTimeOffset.UtcNow, GuestEnvelope.CurrentVersion));
        await ReportAndWaitAsync(marker);

        var untouched = await conductor.ReadAsync(victim.InstanceId);
        Assert.Equal(ServiceStatuses.New, untouched.ServiceStatus);
        Assert.Null(untouched.GuestLastSent);
        Assert.Null(untouched.VolumeUsedBytes);
        Assert.Equal(ServiceStatuses.New, (await conductor.ReadAsync(impostor.InstanceId)).ServiceStatus);
    }

    [Fact]
    public async Task A_deleted_instance_ignores_heartbeats()
    {
        await using var gone = await conductor.NewGuestAsync(deleted: true);
        await using var marker = await conductor.NewGuestAsync();

        await gone.ReportAsync(gone.Heartbeat(GuestServiceStatus.Running, DateTimeOffset.UtcNow));
        await ReportAndWaitAsync(marker);

        Assert.Equal(ServiceStatuses.New, (await conductor.ReadAsync(gone.InstanceId)).ServiceStatus);
    }

    [Fact]
    public async Task The_sweeper_turns_a_silent_instance_shutdown_but_not_a_building_deleted_or_fresh_one()
    {
        var longAgo = DateTime.UtcNow.AddHours(-1);
        var silent = Guid.NewGuid();
        var building = Guid.NewGuid();
        var deleted = Guid.NewGuid();
        var fresh = Guid.NewGuid();
        await conductor.InsertInstanceAsync(building, EnvelopeSeal.NewKey(), ServiceStatuses.Healthy, InstanceTasks.Building, longAgo);
        await conductor.InsertInstanceAsync(deleted, EnvelopeSeal.NewKey(), ServiceStatuses.Healthy, serviceStatusUpdated: longAgo, deleted: true);
        // Well inside the deadline (60 s) for as long as this test can take.
        await conductor.InsertInstanceAsync(fresh, EnvelopeSeal.NewKey(), ServiceStatuses.Healthy, serviceStatusUpdated: DateTime.UtcNow);
        await conductor.InsertInstanceAsync(silent, EnvelopeSeal.NewKey(), ServiceStatuses.Healthy, serviceStatusUpdated: longAgo);

        await Eventually.ValueAsync(() => conductor.ReadAsync(silent), r => r.ServiceStatus == ServiceStatuses.Shutdown,
            "the silent instance was not swept");

        // One UPDATE swept them all together, so the others have been looked at too.
        Assert.Equal(ServiceStatuses.Healthy, (await conductor.ReadAsync(building)).ServiceStatus);
        Assert.Equal(ServiceStatuses.Healthy, (await conductor.ReadAsync(deleted)).ServiceStatus);
        Assert.Equal(ServiceStatuses.Healthy, (await conductor.ReadAsync(fresh)).ServiceStatus);
    }

    [Fact]
    public async Task Reports_are_consumed_again_after_the_broker_dropped_the_conductors_connection()
    {
        await using var guest = await conductor.NewGuestAsync();
        var connection = await conductor.Services.GetRequiredService<GuestBrokerConnection>().GetAsync(CancellationToken.None);
        await BrokerEndpoint.Shared.CloseConnectionAsync(connection.LocalPort, "test: broker restart");

        // Reports sent before the consumer is back may find no queue (the test's tap queue is exclusive): send until one lands.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var sent = DateTimeOffset.UtcNow;
            await guest.ReportAsync(guest.Heartbeat(GuestServiceStatus.Running, sent));
            var applied = await WaitForAsync(() => conductor.ReadAsync(guest.InstanceId), r => r.GuestLastSent >= sent.UtcDateTime - Microsecond, 1);
            if (applied) break;
            Assert.True(DateTime.UtcNow < deadline, "the conductor never consumed again after its connection was dropped");
        }
        // And it keeps consuming after that first batch.
        await ReportAndWaitAsync(guest);
    }

    static async Task<bool> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (condition(await read())) return true;
            await Task.Delay(50);
        }
        return false;
    }

    async Task ReportAndWaitAsync(StandInGuest marker)
    {
        var sent = DateTimeOffset.UtcNow;
        await marker.ReportAsync(marker.Heartbeat(GuestServiceStatus.Running, sent));
        await Eventually.ValueAsync(() => conductor.ReadAsync(marker.InstanceId),
            r => r.GuestLastSent is { } last && last >= sent.UtcDateTime - Microsecond, "the marker heartbeat was not applied");
    }
}
