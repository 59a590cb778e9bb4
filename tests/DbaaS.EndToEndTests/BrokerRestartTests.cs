using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.IntegrationTests.Instances;
using Xunit.Abstractions;

namespace DbaaS.EndToEndTests;

/// <summary>
/// RabbitMQ restarts (a clean stop and start, as an operator's restart) while a create waits for the guest's prepare:
/// the control plane, the conductor and the guest agent all reconnect by themselves, the create still ends ACTIVE, the
/// database works, heartbeats flow again, and the instance deletes cleanly. The broker is a private node: the shared
/// one must stay up for the tests running beside this one.
/// </summary>
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    static readonly TimeSpan ReachPrepare = TimeSpan.FromSeconds(90);
    static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);
    static readonly TimeSpan Action = TimeSpan.FromSeconds(60);
    const string User = "app";
    const string Password = "S3cret-pw";

    [Fact]
    public async Task A_broker_restart_during_guest_prepare_still_ends_ACTIVE_with_working_database_and_heartbeats()
    {
        await using var broker = await PrivateRabbitNode.StartAsync();
        var stateDirectory = Directory.CreateTempSubdirectory("dbaas-e2e-rabbit-").FullName;
        var app = new DbaaSApp { Broker = broker.Endpoint, Settings = ProcessServersApp.SettingsFor(stateDirectory) };
        try
        {
            await app.InitializeAsync();
            var client = app.Client();
            var session = await app.NewProjectUserAsync();
            var id = await client.CreateInstanceAsync(session, InstanceSteps.CreateBody("rabbit-restart", datastore: "mariadb",
                databases: [new { name = "app" }], users: [new { name = User, password = Password, databases = new[] { new { name = "app" } } }]));
            var instanceId = Guid.Parse(id);

            var instanceDirectory = Path.Combine(stateDirectory, id);
            await WaitForStepAsync(app, instanceId, "guest prepare");
            // Held while RabbitMQ stops, the guest cannot answer prepare before its connection is gone (a clean stop
            // takes seconds to close connections, longer than a prepare may take): the restart is mid-create for sure.
            var guest = GuestProcesses.GuestPid(instanceDirectory) ?? throw new Xunit.Sdk.XunitException("no live guest for the instance");
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} create reached 'guest prepare': holding guest {guest}, restarting {broker.Endpoint}");
            Assert.True(Signals.Send(guest, Signals.Stop), "could not hold the guest agent");
            try
            {
                await broker.StopAsync();
            }
            finally
            {
                Signals.Send(guest, Signals.Continue);
            }
            var state = await TaskStateAsync(app, instanceId);
            Assert.True(state == "running", $"the create was not in progress any more when RabbitMQ stopped (task {state})");
            await broker.StartAgainAsync();
            var restarted = DateTime.UtcNow;
            output.WriteLine($"{restarted:HH:mm:ss.fff} broker is back");

            var active = await client.WaitForStatusAsync(session, id, Converge, "ACTIVE", "ERROR");
            Assert.True(active.Str("status") == "ACTIVE", $"{active}\n{GuestLogTail(instanceDirectory)}\n{broker.LogTail(10)}");
            var engine = new MariaDbClient();
            var host = active.Str("hostname");
            var port = active.GetProperty("port").GetInt32();
            await engine.WriteAsync(host, port, User, Password, "after-restart");
            Assert.Equal("after-restart", await engine.ReadAsync(host, port, User, Password));

            // A heartbeat newer than the restart and than what the create itself wrote: the conductor hears the guest
            // again. Another one after twice the deadline: it keeps hearing it (not one batch from a consumer that then stalls).
            var seenAtActive = await HeartbeatAsync(app, instanceId);
            var since = seenAtActive is { } seen && seen > restarted ? seen : restarted;
            var resumed = await WaitForHeartbeatAfterAsync(app, instanceId, since);
            var flowing = await WaitForHeartbeatAfterAsync(app, instanceId, resumed.AddSeconds(2 * ProcessServersApp.HeartbeatDeadlineSeconds));
            output.WriteLine($"heartbeats at {resumed:HH:mm:ss.fff} and {flowing:HH:mm:ss.fff}, after {since:HH:mm:ss.fff}");
            Assert.Equal("ACTIVE", (await client.ShowInstanceAsync(session, id)).Str("status"));

            (await client.SendAsync(HttpMethod.Delete, session.Tenant($"instances/{id}"), session.Token)).AssertStatus(202);
            await client.WaitUntilGoneAsync(session, id, Action);
            Assert.False(Directory.Exists(instanceDirectory), "the instance directory is still there");
            Assert.Empty(GuestProcesses.WithCommandLineContaining(instanceDirectory));
        }
        finally
        {
            await app.DisposeAsync();
            GuestProcesses.KillEverythingUnder(stateDirectory);
            try { Directory.Delete(stateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static string GuestLogTail(string instanceDirectory)
    {
        var log = Path.Combine(instanceDirectory, "guest.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no guest.log)";
    }

    static async Task WaitForStepAsync(DbaaSApp app, Guid instanceId, string step)
    {
        var deadline = DateTime.UtcNow + ReachPrepare;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await app.Database.ScalarAsync<string>(
                $"SELECT step FROM instance_tasks WHERE instance_id = '{instanceId}' ORDER BY created DESC LIMIT 1");
            if (last == step) return;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"the create of {instanceId} did not reach step '{step}' within {ReachPrepare} (last: {last ?? "none"})");
    }

    static Task<string?> TaskStateAsync(DbaaSApp app, Guid instanceId) =>
        app.Database.ScalarAsync<string>($"SELECT state FROM instance_tasks WHERE instance_id = '{instanceId}' ORDER BY created DESC LIMIT 1");

    static Task<DateTime?> HeartbeatAsync(DbaaSApp app, Guid instanceId) =>
        app.Database.ScalarAsync<DateTime?>($"SELECT service_status_updated FROM instances WHERE id = '{instanceId}'");

    static async Task<DateTime> WaitForHeartbeatAfterAsync(DbaaSApp app, Guid instanceId, DateTime since)
    {
        var deadline = DateTime.UtcNow + Converge;
        DateTime? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await HeartbeatAsync(app, instanceId);
            if (last > since) return last.Value;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"no heartbeat of {instanceId} after {since:O} within {Converge} (last: {last:O})");
    }
}
