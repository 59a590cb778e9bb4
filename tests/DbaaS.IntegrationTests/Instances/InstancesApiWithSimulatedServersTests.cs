using System.Text.Json;
using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances;

[Collection(SimulatedServersCollection.Name)]
public sealed class InstancesApiWithSimulatedServersTests(SimulatedServersApp fixture)
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    readonly DbaaSApp _app = fixture.App;
    readonly ApiClient _client = fixture.App.Client();

    [Fact]
    public async Task Create_answers_BUILD_then_becomes_ACTIVE_with_an_address()
    {
        var session = await _app.NewProjectUserAsync();
        var created = await _client.SendAsync(HttpMethod.Post, session.Tenant("instances"), session.Token,
            InstanceSteps.CreateBody("shop", databases: [new { name = "app" }], users: [new { name = "app", password = "S3cret", databases = new[] { new { name = "app" } } }]));
        created.AssertStatus(200);
        var instance = created.Body.GetProperty("instance");
        Assert.Equal("BUILD", instance.Str("status"));
        Assert.Equal("shop", instance.Str("name"));
        Assert.Equal("mariadb", instance.GetProperty("datastore").Str("type"));
        Assert.Equal("10.11", instance.GetProperty("datastore").Str("version"));
        Assert.Equal("2", instance.GetProperty("flavor").Str("id"));
        Assert.Equal(1, instance.GetProperty("volume").GetProperty("size").GetInt32());

        var active = await _client.WaitForStatusAsync(session, instance.Str("id"), Within, "ACTIVE");
        Assert.Equal("HEALTHY", active.Str("operating_status"));
        Assert.Equal("127.0.0.1", active.Str("hostname"));
        Assert.True(active.GetProperty("port").GetInt32() > 0);
        Assert.Equal("127.0.0.1", active.GetProperty("ip")[0].GetString());
        Assert.Contains(active.GetProperty("links").EnumerateArray(), l => l.Str("rel") == "self" && l.Str("href").EndsWith($"/instances/{instance.Str("id")}"));
    }

    [Fact]
    public async Task The_instance_key_is_stored_encrypted_and_the_build_still_uses_it()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("sealed-key"));
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE"); // the taskmanager opened the key for the server

        await using var connection = new Npgsql.NpgsqlConnection(_app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT guest_key FROM instances WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", Guid.Parse(id));
        var stored = (byte[])(await query.ExecuteScalarAsync())!;

        Assert.Equal(1 + 12 + 32 + 16, stored.Length); // version, nonce, sealed key, tag: not the 32-byte key itself
        var protector = new DbaaS.Core.Guests.GuestKeyProtector(
            Microsoft.Extensions.Options.Options.Create(new DbaaS.Core.Guests.GuestKeyOptions { EncryptionKey = DbaaSApp.GuestKeyEncryptionKey }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DbaaS.Core.Guests.GuestKeyProtector>.Instance);
        Assert.Equal(32, protector.Unprotect(Guid.Parse(id), stored).Length);
    }

    [Fact]
    public async Task List_pages_with_a_next_link_until_every_instance_is_seen_once()
    {
        var session = await _app.NewProjectUserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody($"page-{i}")));

        var seen = new List<string>();
        var path = session.Tenant("instances?limit=2");
        var pages = 0;
        while (path is not null)
        {
            var page = await _client.GetAsync(path, session.Token);
            page.AssertStatus(200);
            pages++;
            seen.AddRange(page.Body.GetProperty("instances").EnumerateArray().Select(i => i.Str("id")));
            var next = page.Body.GetProperty("links").EnumerateArray().FirstOrDefault(l => l.Str("rel") == "next");
            path = next.ValueKind == JsonValueKind.Undefined ? null : new Uri(next.Str("href")).PathAndQuery;
        }
        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Order());

        var detail = await _client.GetAsync(session.Tenant("instances/detail"), session.Token);
        detail.AssertStatus(200);
        Assert.All(detail.Body.GetProperty("instances").EnumerateArray(), i => Assert.True(i.TryGetProperty("created", out _)));
    }

    [Fact]
    public async Task Fifty_concurrent_creates_against_a_quota_of_ten_admit_exactly_ten()
    {
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        (await _client.SendAsync(HttpMethod.Put, admin.Mgmt($"quotas/{session.ProjectId}"), admin.Token, new { quotas = new { instances = 10 } }))
            .AssertStatus(200);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            _client.SendAsync(HttpMethod.Post, session.Tenant("instances"), session.Token, InstanceSteps.CreateBody($"q-{i}"))));

        Assert.Equal(10, answers.Count(a => a.Code == 200));
        Assert.Equal(40, answers.Count(a => a.Code == 413));
        foreach (var refused in answers.Where(a => a.Code == 413))
            refused.AssertFault(413, "overLimit", "Quota exceeded for resources: ['instances']");
        var list = await _client.GetAsync(session.Tenant("instances?limit=100"), session.Token);
        Assert.Equal(10, list.Body.GetProperty("instances").GetArrayLength());
        Assert.Equal(10, await _client.QuotaInUseAsync(admin, session.ProjectId, "instances"));
        Assert.Equal(10, await _client.QuotaInUseAsync(admin, session.ProjectId, "volumes"));
    }

    [Theory]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "999", "volume": {"size": 1}, "datastore": {"type": "mariadb"}}}""", 404, "itemNotFound", "Flavor 999")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "nosuchdb"}}}""", 404, "itemNotFound", "Datastore 'nosuchdb'")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "mariadb", "version": "0.1"}}}""", 404, "itemNotFound", "version '0.1'")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 51}, "datastore": {"type": "mariadb"}}}""", 400, "badRequest", "maximum allowed, 50 GB")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 0}, "datastore": {"type": "mariadb"}}}""", 400, "badRequest", "instance.volume.size")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "datastore": {"type": "mariadb"}}}""", 400, "badRequest", "instance.volume")]
    [InlineData("""{"instance": {"name": "", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "mariadb"}}}""", 400, "badRequest", "instance.name")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "mariadb"}, "color": "red"}}""", 400, "badRequest", "instance.color")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}}}""", 400, "badRequest", "specify a datastore")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "mariadb"}, "databases": [{"name": "a'; DROP DATABASE x; --"}]}}""", 400, "badRequest", "Database name")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "mariadb"}, "databases": [{"name": "mysql"}]}}""", 400, "badRequest", "reserved")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "mariadb"}, "users": [{"name": "root", "password": "x"}]}}""", 400, "badRequest", "reserved")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "mariadb"}, "users": [{"name": "u", "password": "x", "databases": [{"name": "other"}]}]}}""", 400, "badRequest", "not in the instance's databases")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "redis"}, "databases": [{"name": "a"}]}}""", 400, "badRequest", "redis does not support databases")]
    [InlineData("""{"instance": {"name": "x", "flavorRef": "2", "volume": {"size": 1}, "datastore": {"type": "postgresql"}, "databases": [{"name": "template1"}]}}""", 400, "badRequest", "reserved")]
    public async Task Bad_creates_get_Trove_faults_and_create_nothing(string body, int code, string fault, string message)
    {
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        var answer = await _client.SendRawAsync(HttpMethod.Post, session.Tenant("instances"), session.Token, body, "application/json");
        answer.AssertFault(code, fault, message);
        var list = await _client.GetAsync(session.Tenant("instances"), session.Token);
        Assert.Equal(0, list.Body.GetProperty("instances").GetArrayLength());
        Assert.Equal(0, await _client.QuotaInUseAsync(admin, session.ProjectId, "instances"));
    }

    [Fact]
    public async Task Quota_exceeded_on_volume_names_the_resource_and_creates_nothing()
    {
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        (await _client.SendAsync(HttpMethod.Put, admin.Mgmt($"quotas/{session.ProjectId}"), admin.Token, new { quotas = new { volumes = 3 } }))
            .AssertStatus(200);
        var answer = await _client.SendAsync(HttpMethod.Post, session.Tenant("instances"), session.Token, InstanceSteps.CreateBody("big", size: 4));
        answer.AssertFault(413, "overLimit", "['volumes']");
        Assert.Equal(0, await _client.QuotaInUseAsync(admin, session.ProjectId, "instances"));
    }

    [Fact]
    public async Task Delete_removes_the_instance_and_gives_its_quota_back()
    {
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("short-lived", size: 2));
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE");
        Assert.Equal(2, await _client.QuotaInUseAsync(admin, session.ProjectId, "volumes"));

        (await _client.SendAsync(HttpMethod.Delete, session.Tenant($"instances/{id}"), session.Token)).AssertStatus(202);
        await _client.WaitUntilGoneAsync(session, id, Within);
        Assert.Equal(0, await _client.QuotaInUseAsync(admin, session.ProjectId, "instances"));
        Assert.Equal(0, await _client.QuotaInUseAsync(admin, session.ProjectId, "volumes"));

        var deleted = await _client.GetAsync(admin.Mgmt($"instances?deleted=true&project_id={session.ProjectId}"), admin.Token);
        deleted.AssertStatus(200);
        var row = Assert.Single(deleted.Body.GetProperty("instances").EnumerateArray());
        Assert.True(row.GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task A_second_action_on_a_busy_instance_gets_409_with_the_reason()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("busy"));
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE");
        await _app.Database.ExecuteAsync($"UPDATE instances SET task_status = 'RESIZING' WHERE id = '{id}'");

        (await _client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/action"), session.Token, new { restart = new { } }))
            .AssertFault(409, "conflictingRequest", "busy (RESIZING)");
        (await _client.SendAsync(HttpMethod.Delete, session.Tenant($"instances/{id}"), session.Token))
            .AssertFault(409, "conflictingRequest", "busy");
        await _app.Database.ExecuteAsync($"UPDATE instances SET task_status = 'NONE' WHERE id = '{id}'");
    }

    [Fact]
    public async Task Restart_and_resizes_run_through_the_taskmanager()
    {
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("resizable", size: 1));
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE");
        var action = session.Tenant($"instances/{id}/action");

        (await _client.SendAsync(HttpMethod.Post, action, session.Token, new { restart = new { } })).AssertStatus(202);
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE");

        (await _client.SendAsync(HttpMethod.Post, action, session.Token, new { resize = new { volume = new { size = 1 } } }))
            .AssertFault(400, "badRequest", "must be larger");
        (await _client.SendAsync(HttpMethod.Post, action, session.Token, new { resize = new { volume = new { size = 3 } } })).AssertStatus(202);
        await WaitForAsync(async () => (await _client.ShowInstanceAsync(session, id)).GetProperty("volume").GetProperty("size").GetInt32() == 3);
        Assert.Equal(3, await _client.QuotaInUseAsync(admin, session.ProjectId, "volumes"));

        (await _client.SendAsync(HttpMethod.Post, action, session.Token, new { resize = new { flavorRef = "3" } })).AssertStatus(202);
        await WaitForAsync(async () => (await _client.ShowInstanceAsync(session, id)).GetProperty("flavor").Str("id") == "3");
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE");

        (await _client.SendAsync(HttpMethod.Post, action, session.Token, new { resize = new { flavorRef = "3", volume = new { size = 5 } } }))
            .AssertFault(400, "badRequest", "either flavorRef or volume.size");
        (await _client.SendAsync(HttpMethod.Post, action, session.Token, new { reboot = new { } }))
            .AssertFault(400, "badRequest", "Unknown action 'reboot'");
    }

    [Fact]
    public async Task Other_projects_see_not_found_and_members_cannot_reset_status()
    {
        var owner = await _app.NewProjectUserAsync();
        var stranger = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(owner, InstanceSteps.CreateBody("private"));

        (await _client.GetAsync($"/v1.0/{stranger.ProjectId}/instances/{id}", stranger.Token)).AssertFault(404, "itemNotFound", id);
        (await _client.SendAsync(HttpMethod.Delete, $"/v1.0/{stranger.ProjectId}/instances/{id}", stranger.Token)).AssertFault(404, "itemNotFound");
        (await _client.SendAsync(HttpMethod.Post, owner.Tenant($"instances/{id}/action"), owner.Token, new { reset_status = new { } }))
            .AssertFault(403, "forbidden", "admin");
        (await _client.GetAsync(owner.Tenant("instances/not-a-uuid"), owner.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task Management_lists_every_project_and_shows_tasks_and_pings_the_guest()
    {
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("managed"));
        await _client.WaitForStatusAsync(session, id, Within, "ACTIVE");

        var all = await _client.GetAsync(admin.Mgmt($"instances?project_id={session.ProjectId}"), admin.Token);
        all.AssertStatus(200);
        var listed = Assert.Single(all.Body.GetProperty("instances").EnumerateArray());
        Assert.Equal(session.ProjectId, listed.Str("tenant_id"));

        var shown = await _client.GetAsync(admin.Mgmt($"instances/{id}"), admin.Token);
        shown.AssertStatus(200);
        var instance = shown.Body.GetProperty("instance");
        Assert.Equal("ACTIVE", instance.GetProperty("server").Str("status"));
        var task = Assert.Single(instance.GetProperty("tasks").EnumerateArray());
        Assert.Equal("create", task.Str("kind"));
        Assert.Equal("succeeded", task.Str("state"));

        var ping = await _client.GetAsync(admin.Mgmt($"instances/{id}/rpc_ping"), admin.Token);
        ping.AssertStatus(200);
        Assert.True(ping.Body.GetProperty("rpc_ping").GetProperty("result").GetProperty("pong").GetBoolean());

        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt($"instances/{id}/action"), admin.Token, new { stop = new { } })).AssertStatus(202);
        await _client.WaitForStatusAsync(session, id, Within, "SHUTDOWN");
        (await _client.GetAsync(session.Mgmt("instances"), session.Token)).AssertFault(403, "forbidden");
    }

    [Fact]
    public async Task Rename_through_PATCH_and_PUT()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.CreateInstanceAsync(session, InstanceSteps.CreateBody("old-name"));
        (await _client.SendAsync(HttpMethod.Patch, session.Tenant($"instances/{id}"), session.Token, new { instance = new { name = "new-name" } })).AssertStatus(202);
        Assert.Equal("new-name", (await _client.ShowInstanceAsync(session, id)).Str("name"));
        (await _client.SendAsync(HttpMethod.Put, session.Tenant($"instances/{id}"), session.Token, new { instance = new { name = "" } }))
            .AssertFault(400, "badRequest", "instance.name");
    }

    static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("condition not met in time");
            await Task.Delay(100);
        }
    }
}
