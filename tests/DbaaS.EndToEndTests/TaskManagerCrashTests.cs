using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.IntegrationTests.Instances;

namespace DbaaS.EndToEndTests;

/// <summary>
/// The taskmanager is SIGKILLed while the guest prepares the database; a new taskmanager picks the redelivered
/// command up and the instance ends ACTIVE with exactly one server. Then the whole control plane is replaced by a
/// new one, which finds the running instance again (no orphan, no duplicate) and can still act on it.
/// </summary>
public sealed class TaskManagerCrashTests : IAsyncLifetime
{
    static readonly TimeSpan Build = TimeSpan.FromSeconds(90);
    readonly string _stateDirectory = Directory.CreateTempSubdirectory("dbaas-e2e-tm-").FullName;
    DbaaSApp _app = null!;
    // Owned by the test, not by an app: the control plane is replaced halfway through and its data must outlive it.
    TestDatabase _database = null!;
    BrokerVhost _vhost = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("tmcrash");
        _vhost = await BrokerVhost.CreateAsync("tmcrash");
        _app = new DbaaSApp { Settings = ApiAndConductorOnly(_stateDirectory), SharedDatabase = _database, SharedVhost = _vhost };
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        await _vhost.DisposeAsync();
        GuestProcesses.KillEverythingUnder(_stateDirectory);
        try { Directory.Delete(_stateDirectory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Killed_mid_create_the_taskmanager_resumes_and_the_instance_ends_active_with_one_server()
    {
        var client = _app.Client();
        var session = await _app.NewProjectUserAsync();
        string id;
        using (var first = ExternalServer.Start(_app, _stateDirectory, "taskmanager"))
        {
            id = await client.CreateInstanceAsync(session, InstanceSteps.CreateBody("crash-proof",
                databases: [new { name = "app" }], users: [new { name = "app", password = "S3cret-pw", databases = new[] { new { name = "app" } } }]));
            await WaitForStepAsync(id, "guest prepare");
            first.Kill();
        }
        using (ExternalServer.Start(_app, _stateDirectory, "taskmanager"))
        {
            var active = await client.WaitForStatusAsync(session, id, Build, "ACTIVE", "ERROR");
            Assert.True(active.Str("status") == "ACTIVE", active.ToString());
            Assert.True(await _app.Database.ScalarAsync<int>($"SELECT attempts FROM instance_tasks WHERE instance_id = '{id}'") >= 2,
                "the create task was not run a second time");
            AssertOneServer(id);
            var port = active.GetProperty("port").GetInt32();
            var mariadb = new MariaDbClient();
            await mariadb.WriteAsync("127.0.0.1", port, "app", "S3cret-pw", "kept");
        }

        // A whole new control plane (all roles) over the same database, broker and state directory.
        await _app.DisposeAsync();
        _app = new DbaaSApp { Settings = ProcessServersApp.SettingsFor(_stateDirectory), SharedDatabase = _database, SharedVhost = _vhost };
        await _app.InitializeAsync();
        client = _app.Client();
        (await client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/action"), session.Token, new { restart = new { } })).AssertStatus(202);
        var restarted = await client.WaitForStatusAsync(session, id, Build, "ACTIVE", "ERROR");
        Assert.True(restarted.Str("status") == "ACTIVE", restarted.ToString());
        AssertOneServer(id);
        Assert.Equal("kept", await new MariaDbClient().ReadAsync("127.0.0.1", restarted.GetProperty("port").GetInt32(), "app", "S3cret-pw"));

        (await client.SendAsync(HttpMethod.Delete, session.Tenant($"instances/{id}"), session.Token)).AssertStatus(202);
        await client.WaitUntilGoneAsync(session, id, Build);
        Assert.Empty(GuestProcesses.WithCommandLineContaining(Path.Combine(_stateDirectory, id)));
    }

    void AssertOneServer(string id)
    {
        var config = Path.Combine(_stateDirectory, id, "guest.json");
        var guests = GuestProcesses.WithCommandLineContaining(config);
        Assert.True(guests.Count == 1, $"{guests.Count} guest processes for the instance");
        var engines = GuestProcesses.DescendantsOf(guests[0]).Where(pid => GuestProcesses.CommandOf(pid) == "mariadbd").ToList();
        Assert.True(engines.Count == 1, $"{engines.Count} mariadbd processes under the guest");
    }

    async Task WaitForStepAsync(string id, string step)
    {
        var deadline = DateTime.UtcNow + Build;
        while (DateTime.UtcNow < deadline)
        {
            if (await _app.Database.ScalarAsync<string>($"SELECT step FROM instance_tasks WHERE instance_id = '{id}'") == step) return;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"the create task never reached step '{step}'");
    }

    static Dictionary<string, string?> ApiAndConductorOnly(string stateDirectory) =>
        new(ProcessServersApp.SettingsFor(stateDirectory)) { ["Server:Roles"] = "api,conductor" };
}
