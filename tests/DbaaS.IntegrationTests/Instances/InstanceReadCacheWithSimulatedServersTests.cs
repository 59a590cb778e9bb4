using DbaaS.Core.Data;
using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DbaaS.IntegrationTests.Instances;

/// <summary>
/// The tenant list and show come from the API's read cache (InstanceReadCache): these tests change instances
/// behind its back, as the taskmanager, the conductor, an operator or another API replica would, and show that every
/// change reaches the reads, and that a caller always reads its own writes at once.
/// </summary>
[Collection(SimulatedServersCollection.Name)]
public sealed class InstanceReadCacheWithSimulatedServersTests(SimulatedServersApp fixture)
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    readonly DbaaSApp _app = fixture.App;
    readonly ApiClient _client = fixture.App.Client();

    [Fact]
    public async Task A_change_written_straight_to_the_database_reaches_show_and_list()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("behind-its-back"));
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE");
        await ListedNamesAsync(session); // both reads are cached now

        await _app.Database.ExecuteAsync($"UPDATE instances SET name = 'renamed-in-psql', service_status = 'SHUTDOWN' WHERE id = '{id}'");

        var shown = await _client.WaitForInstanceAsync(session, id, Within, i => i.Str("name") == "renamed-in-psql");
        Assert.Equal("SHUTDOWN", shown.Str("status"));
        Assert.Equal(["renamed-in-psql"], await ListedNamesAsync(session));
    }

    [Fact]
    public async Task An_instance_deleted_in_the_database_leaves_the_list_and_show()
    {
        var session = await _app.NewProjectUserAsync();
        var kept = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("kept"));
        var gone = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("gone"));
        await _client.WaitForStatusAsync(session, gone, Within, "ACTIVE");
        Assert.Equal(["kept", "gone"], await ListedNamesAsync(session));

        await _app.Database.ExecuteAsync($"UPDATE instances SET deleted = true, deleted_at = now() WHERE id = '{gone}'");

        await _client.WaitUntilGoneAsync(session, gone, Within);
        Assert.Equal(["kept"], await ListedNamesAsync(session));
        Assert.Equal("kept", (await _client.ShowInstanceAsync(session, kept)).Str("name"));
    }

    [Fact]
    public async Task A_rename_is_read_back_at_once_and_a_create_is_listed_at_once()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("first"));
        Assert.Equal(["first"], await ListedNamesAsync(session));
        Assert.Equal("first", (await _client.ShowInstanceAsync(session, id)).Str("name"));

        (await _client.SendAsync(HttpMethod.Put, session.Tenant($"instances/{id}"), session.Token, new { instance = new { name = "second" } }))
            .AssertStatus(202);
        Assert.Equal("second", (await _client.ShowInstanceAsync(session, id)).Str("name"));
        await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("third"));
        Assert.Equal(["second", "third"], await ListedNamesAsync(session));
    }

    [Fact]
    public async Task Another_replica_sees_a_rename_made_through_the_first()
    {
        await using var replica = new DbaaSApp { SharedDatabase = _app.Database, SharedVhost = _app.Vhost, Settings = { ["Compute:Driver"] = "simulated", ["Conductor:HeartbeatDeadlineSeconds"] = "86400" } };
        await replica.InitializeAsync();
        var other = replica.Client();
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("on-a"));
        await other.WaitForInstanceAsync(session, id, Within, i => i.Str("name") == "on-a");

        (await _client.SendAsync(HttpMethod.Put, session.Tenant($"instances/{id}"), session.Token, new { instance = new { name = "renamed-on-a" } }))
            .AssertStatus(202);

        await other.WaitForInstanceAsync(session, id, Within, i => i.Str("name") == "renamed-on-a");
    }

    [Fact]
    public async Task Without_its_listener_the_cache_serves_nothing_and_the_database_answers()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("while-deaf"));
        await ListedNamesAsync(session);
        var hub = _app.Services.GetRequiredService<ChangeListenerHub>();
        hub.ListeningStopped();
        try
        {
            // NOTIFY is still sent, but a listener that lost its connection would not hear it: reads must not wait for it.
            await _app.Database.ExecuteAsync($"UPDATE instances SET name = 'seen-anyway' WHERE id = '{id}'");
            Assert.Equal("seen-anyway", (await _client.ShowInstanceAsync(session, id)).Str("name"));
            Assert.Equal(["seen-anyway"], await ListedNamesAsync(session));
        }
        finally
        {
            hub.ListeningStarted();
        }
    }

    async Task<string[]> ListedNamesAsync(Session session)
    {
        var list = await _client.GetAsync(session.Tenant("instances"), session.Token);
        list.AssertStatus(200);
        return list.Body.GetProperty("instances").EnumerateArray().Select(i => i.Str("name")).ToArray();
    }
}
