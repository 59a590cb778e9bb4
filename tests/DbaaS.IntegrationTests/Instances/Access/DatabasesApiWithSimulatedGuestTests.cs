using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances.Access;

/// <summary>The databases routes through the simulated guest (Compute:Driver=simulated), which keeps databases in memory.</summary>
[Collection(SimulatedServersCollection.Name)]
public sealed class DatabasesApiWithSimulatedGuestTests(SimulatedServersApp fixture)
{
    readonly DbaaSApp _app = fixture.App;
    readonly ApiClient _client = fixture.App.Client();

    [Fact]
    public async Task Databases_are_created_listed_shown_and_deleted()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, databases: [new { name = "app" }]);

        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token,
            new { databases = new object[] { new { name = "sales", character_set = "utf8mb4", collate = "utf8mb4_general_ci" }, new { name = "archive" } } }))
            .AssertStatus(202);
        Assert.Equal(["app", "archive", "sales"], await _client.NamesAsync(session, session.Inside(id, "databases"), "databases"));

        var shown = await _client.GetAsync(session.Inside(id, "databases/sales"), session.Token);
        shown.AssertStatus(200);
        Assert.Equal("sales", shown.Body.GetProperty("database").Str("name"));

        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "databases/sales"), session.Token)).AssertStatus(202);
        (await _client.GetAsync(session.Inside(id, "databases/sales"), session.Token)).AssertFault(404, "itemNotFound", "Database 'sales'");
        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "databases/sales"), session.Token)).AssertFault(404, "itemNotFound", "sales");
        Assert.Equal(["app", "archive"], await _client.NamesAsync(session, session.Inside(id, "databases"), "databases"));
    }

    [Fact]
    public async Task The_database_list_pages_with_next_links_carrying_the_last_name()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);
        string[] names = ["d1", "d2", "d3", "d4", "d5"];
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token,
            new { databases = names.Select(n => new { name = n }) })).AssertStatus(202);

        var (keys, pages, links) = await _client.AllPagesAsync(session, session.Inside(id, "databases?limit=2"), "databases");

        Assert.Equal(names, keys);
        Assert.Equal(3, pages);
        Assert.EndsWith($"/instances/{id}/databases?limit=2&marker=d2", links[0]);
        var last = await _client.GetAsync(session.Inside(id, "databases?limit=5"), session.Token);
        Assert.Equal(0, last.Body.GetProperty("links").GetArrayLength());
        (await _client.GetAsync(session.Inside(id, "databases?limit=0"), session.Token)).AssertFault(400, "badRequest", "limit");
    }

    [Fact]
    public async Task A_database_that_exists_or_is_listed_twice_is_a_bad_request()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, databases: [new { name = "app" }]);

        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token,
            new { databases = new[] { new { name = "new1" }, new { name = "app" } } })).AssertFault(400, "badRequest", "'app' already exists");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token,
            new { databases = new[] { new { name = "twice" }, new { name = "twice" } } })).AssertFault(400, "badRequest", "listed twice");
        Assert.Equal(["app"], await _client.NamesAsync(session, session.Inside(id, "databases"), "databases"));
    }

    [Theory]
    [InlineData("mariadb", "a'; DROP DATABASE x; --", "is not valid for MySQL/MariaDB: use letters, digits")]
    [InlineData("mariadb", "$(touch /tmp/owned)", "is not valid for MySQL/MariaDB")]
    [InlineData("mariadb", "a`b", "is not valid for MySQL/MariaDB")]
    [InlineData("mariadb", "mysql", "reserved by MySQL/MariaDB")]
    [InlineData("mariadb", "INFORMATION_SCHEMA", "reserved by MySQL/MariaDB")]
    [InlineData("mariadb", "performance_schema", "reserved")]
    [InlineData("mariadb", "sys", "reserved")]
    [InlineData("postgresql", "template1", "reserved by PostgreSQL")]
    [InlineData("postgresql", "postgres", "reserved by PostgreSQL")]
    [InlineData("postgresql", "1abc", "is not valid for PostgreSQL: use a letter or '_' first")]
    [InlineData("postgresql", "x\"; DROP ROLE postgres; --", "is not valid for PostgreSQL")]
    public async Task Names_the_engine_refuses_are_refused_naming_the_rule_and_nothing_is_created(string datastore, string name, string rule)
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, datastore);

        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token, new { databases = new[] { new { name } } }))
            .AssertFault(400, "badRequest", rule);
        Assert.Empty(await _client.NamesAsync(session, session.Inside(id, "databases"), "databases"));
    }

    [Fact]
    public async Task Redis_lists_databases_but_refuses_to_create_or_delete_one_naming_the_datastore()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, "redis");

        (await _client.GetAsync(session.Inside(id, "databases"), session.Token)).AssertStatus(200);
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token, new { databases = new[] { new { name = "a" } } }))
            .AssertFault(400, "badRequest", "Datastore redis does not support creating databases", "manage_databases");
        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "databases/0"), session.Token))
            .AssertFault(400, "badRequest", "Datastore redis does not support deleting databases");
    }

    [Fact]
    public async Task PostgreSQL_refuses_a_character_set_naming_the_datastore()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, "postgresql");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token,
            new { databases = new[] { new { name = "ledger", character_set = "utf8" } } }))
            .AssertFault(400, "badRequest", "Datastore postgresql does not support character sets", "database_character_sets");
    }

    [Theory]
    [InlineData("""{}""", "Missing field 'databases'")]
    [InlineData("""{"databases": []}""", "databases")]
    [InlineData("""{"databases": "app"}""", "expected an array of objects")]
    [InlineData("""{"databases": [{"name": 42}]}""", "databases[0].name")]
    [InlineData("""{"databases": [{}]}""", "databases[0].name")]
    [InlineData("""{"databases": [{"name": "a", "owner": "x"}]}""", "Unknown field 'databases[0].owner'")]
    [InlineData("""{"databases": [{"name": "a"}], "extra": 1}""", "Unknown field 'extra'")]
    [InlineData("""[1]""", "must be a JSON object")]
    public async Task Malformed_create_bodies_are_refused_naming_the_field(string body, string message)
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);
        (await _client.SendRawAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token, body, "application/json"))
            .AssertFault(400, "badRequest", message);
    }

    [Fact]
    public async Task More_than_a_hundred_databases_in_one_request_are_refused()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token,
            new { databases = Enumerable.Range(0, 101).Select(i => new { name = $"d{i}" }) })).AssertFault(400, "badRequest", "limit is 100");
    }

    [Fact]
    public async Task Unknown_instances_and_other_projects_instances_are_not_found_or_forbidden()
    {
        var owner = await _app.NewProjectUserAsync();
        var stranger = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(owner);

        (await _client.GetAsync(stranger.Inside(Guid.NewGuid().ToString(), "databases"), stranger.Token)).AssertFault(404, "itemNotFound", "could not be found");
        (await _client.GetAsync(stranger.Inside(id, "databases"), stranger.Token)).AssertFault(404, "itemNotFound", id);
        (await _client.SendAsync(HttpMethod.Post, stranger.Inside(id, "databases"), stranger.Token, new { databases = new[] { new { name = "x" } } }))
            .AssertFault(404, "itemNotFound", id);
        (await _client.GetAsync(owner.Inside(id, "databases"), stranger.Token)).AssertFault(403, "forbidden");
    }

    [Fact]
    public async Task An_instance_that_is_not_ACTIVE_answers_422_with_its_status()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);
        await _app.Database.ExecuteAsync($"UPDATE instances SET service_status = 'SHUTDOWN' WHERE id = '{id}'");

        (await _client.GetAsync(session.Inside(id, "databases"), session.Token))
            .AssertFault(422, "unprocessableEntity", "its status is SHUTDOWN, it must be ACTIVE");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "databases"), session.Token, new { databases = new[] { new { name = "x" } } }))
            .AssertFault(422, "unprocessableEntity", "SHUTDOWN");
    }
}
