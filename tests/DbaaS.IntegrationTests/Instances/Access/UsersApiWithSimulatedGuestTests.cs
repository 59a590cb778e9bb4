using System.Text.Json;
using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances.Access;

/// <summary>The users and user-access routes through the simulated guest (Compute:Driver=simulated), which keeps users in memory.</summary>
[Collection(SimulatedServersCollection.Name)]
public sealed class UsersApiWithSimulatedGuestTests(SimulatedServersApp fixture)
{
    readonly DbaaSApp _app = fixture.App;
    readonly ApiClient _client = fixture.App.Client();

    static readonly object[] TwoDatabases = [new { name = "app" }, new { name = "reports" }];

    [Fact]
    public async Task A_user_is_created_granted_revoked_renamed_given_a_password_and_deleted()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, databases: TwoDatabases);

        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "users"), session.Token, new
        {
            users = new object[]
            {
                new { name = "alice", password = "S3cret-a", databases = new[] { new { name = "app" } } },
                new { name = "bob", password = "S3cret-b", host = "10.0.0.%" },
            },
        })).AssertStatus(202);
        Assert.Equal(["alice@%", "bob@10.0.0.%"], await _client.NamesAsync(session, session.Inside(id, "users"), "users"));

        // name@host, URL-encoded; a name alone means host %.
        var bob = await _client.GetAsync(session.Inside(id, "users/bob%4010.0.0.%25"), session.Token);
        bob.AssertStatus(200);
        Assert.Equal("10.0.0.%", bob.Body.GetProperty("user").Str("host"));
        Assert.Equal(0, bob.Body.GetProperty("user").GetProperty("databases").GetArrayLength());
        // troveclient's quote_user_host also encodes the dots.
        (await _client.GetAsync(session.Inside(id, "users/bob%4010%2e0%2e0%2e%25"), session.Token)).AssertStatus(200);
        var alice = await _client.GetAsync(session.Inside(id, "users/alice"), session.Token);
        Assert.Equal(["app"], alice.Body.GetProperty("user").GetProperty("databases").EnumerateArray().Select(d => d.Str("name")));
        (await _client.GetAsync(session.Inside(id, "users/bob"), session.Token)).AssertFault(404, "itemNotFound", "bob@%");

        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users/alice/databases"), session.Token,
            new { databases = new[] { new { name = "reports" } } })).AssertStatus(202);
        Assert.Equal(["app", "reports"], await _client.NamesAsync(session, session.Inside(id, "users/alice%40%25/databases"), "databases"));

        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "users/alice/databases/app"), session.Token)).AssertStatus(202);
        Assert.Equal(["reports"], await _client.NamesAsync(session, session.Inside(id, "users/alice/databases"), "databases"));
        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "users/alice/databases/app"), session.Token)).AssertFault(404, "itemNotFound", "no access");

        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users/alice"), session.Token,
            new { user = new { name = "alice2", host = "192.168.1.%" } })).AssertStatus(202);
        (await _client.GetAsync(session.Inside(id, "users/alice"), session.Token)).AssertFault(404, "itemNotFound", "alice@%");
        var renamed = await _client.GetAsync(session.Inside(id, "users/alice2%40192.168.1.%25"), session.Token);
        renamed.AssertStatus(200);
        Assert.Equal(["reports"], renamed.Body.GetProperty("user").GetProperty("databases").EnumerateArray().Select(d => d.Str("name")));

        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users"), session.Token,
            new { users = new object[] { new { name = "alice2", host = "192.168.1.%", password = "N3w-a" }, new { name = "bob", host = "10.0.0.%", password = "N3w-b" } } }))
            .AssertStatus(202);
        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users"), session.Token,
            new { users = new[] { new { name = "ghost", password = "N3w" } } })).AssertFault(404, "itemNotFound", "ghost");

        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "users/alice2%40192.168.1.%25"), session.Token)).AssertStatus(202);
        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "users/alice2%40192.168.1.%25"), session.Token)).AssertFault(404, "itemNotFound");
        Assert.Equal(["bob@10.0.0.%"], await _client.NamesAsync(session, session.Inside(id, "users"), "users"));
    }

    [Fact]
    public async Task The_user_list_pages_by_name_then_host_with_name_at_host_markers()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);
        // '-' sorts before '@': the (name, host) order is not the order of the "name@host" strings.
        var users = new[] { ("a", "%"), ("a", "10.%"), ("a-b", "%"), ("ab", "%"), ("b", "%") };
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "users"), session.Token,
            new { users = users.Select(u => new { name = u.Item1, host = u.Item2, password = "S3cret" }) })).AssertStatus(202);

        var (keys, pages, links) = await _client.AllPagesAsync(session, session.Inside(id, "users?limit=2"), "users");

        Assert.Equal(["a@%", "a@10.%", "a-b@%", "ab@%", "b@%"], keys);
        Assert.Equal(3, pages);
        Assert.EndsWith("users?limit=2&marker=a%4010.%25", links[0]);
    }

    [Theory]
    [InlineData("mariadb", """{"name": "root", "password": "S3cret"}""", "User name 'root' is reserved by MySQL/MariaDB")]
    [InlineData("mariadb", """{"name": "os_admin", "password": "S3cret"}""", "reserved")]
    [InlineData("mariadb", """{"name": "mysql.sys", "password": "S3cret"}""", "is not valid for MySQL/MariaDB")]
    [InlineData("mariadb", """{"name": "x'@'%' IDENTIFIED BY 'y'; --", "password": "S3cret"}""", "is not valid for MySQL/MariaDB: use letters")]
    [InlineData("mariadb", """{"name": "thisnameiswaytoolongforthemysqlfamily", "password": "S3cret"}""", "1 to 32 characters")]
    [InlineData("mariadb", """{"name": "u", "password": "S3cret", "host": "%'; DROP USER root; --"}""", "User host")]
    [InlineData("mariadb", """{"name": "u", "password": "S3cret", "host": "$(reboot)"}""", "User host")]
    [InlineData("mariadb", """{"name": "u", "password": "bad\u0007bell"}""", "must not contain control characters")]
    [InlineData("mariadb", """{"name": "u", "password": ""}""", "must be 1 to 128 characters long")]
    [InlineData("mariadb", """{"name": "u", "password": "S3cret", "databases": [{"name": "mysql"}]}""", "reserved")]
    [InlineData("postgresql", """{"name": "postgres", "password": "S3cret"}""", "reserved by PostgreSQL")]
    [InlineData("postgresql", """{"name": "u", "password": "S3cret", "host": "%"}""", "User host is not supported by PostgreSQL")]
    [InlineData("postgresql", """{"name": "a\"; DROP ROLE x; --", "password": "S3cret"}""", "is not valid for PostgreSQL")]
    [InlineData("redis", """{"name": "default", "password": "S3cret"}""", "User name 'default' is reserved by Redis")]
    [InlineData("redis", """{"name": "u p", "password": "S3cret"}""", "is not valid for Redis")]
    [InlineData("redis", """{"name": "u", "password": "S3cret", "databases": [{"name": "0"}]}""", "Datastore redis does not support granting users access to databases")]
    public async Task Users_the_engine_refuses_are_refused_naming_the_rule_and_nothing_is_created(string datastore, string user, string rule)
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, datastore);

        (await _client.SendRawAsync(HttpMethod.Post, session.Inside(id, "users"), session.Token, $$"""{"users": [{{user}}]}""", "application/json"))
            .AssertFault(400, "badRequest", rule);
        Assert.Empty(await _client.NamesAsync(session, session.Inside(id, "users"), "users"));
    }

    [Fact]
    public async Task A_password_longer_than_128_characters_is_refused()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "users"), session.Token,
            new { users = new[] { new { name = "u", password = new string('p', 129) } } })).AssertFault(400, "badRequest", "password");
    }

    [Fact]
    public async Task A_user_that_exists_or_is_listed_twice_is_a_bad_request_and_a_missing_database_not_found()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, databases: TwoDatabases,
            users: [new { name = "app", password = "S3cret", databases = new[] { new { name = "app" } } }]);

        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "users"), session.Token,
            new { users = new[] { new { name = "app", password = "S3cret" } } })).AssertFault(400, "badRequest", "already exists");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "users"), session.Token,
            new { users = new[] { new { name = "x", password = "S3cret" }, new { name = "x", password = "S3cret" } } })).AssertFault(400, "badRequest", "listed twice");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "users"), session.Token,
            new { users = new[] { new { name = "y", password = "S3cret", databases = new[] { new { name = "nosuch" } } } } }))
            .AssertFault(404, "itemNotFound", "nosuch");
        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users/app/databases"), session.Token,
            new { databases = new[] { new { name = "nosuch" } } })).AssertFault(404, "itemNotFound", "nosuch");
        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users/ghost/databases"), session.Token,
            new { databases = new[] { new { name = "app" } } })).AssertFault(404, "itemNotFound", "ghost");
        Assert.Equal(["app@%"], await _client.NamesAsync(session, session.Inside(id, "users"), "users"));
    }

    [Fact]
    public async Task Renaming_onto_a_taken_name_is_a_bad_request()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, users: [new { name = "a", password = "S3cret" }, new { name = "b", password = "S3cret" }]);
        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users/a"), session.Token, new { user = new { name = "b" } }))
            .AssertFault(400, "badRequest", "already exists");
        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users/a"), session.Token, new { user = new { } }))
            .AssertFault(400, "badRequest", "at least one");
        (await _client.SendAsync(HttpMethod.Put, session.Inside(id, "users/a"), session.Token, new { user = new { name = "root" } }))
            .AssertFault(400, "badRequest", "reserved");
    }

    [Theory]
    [InlineData("""{"database": "reports"}""", "application/json", "Unknown field 'database'")]
    [InlineData("""[]""", "application/json", "must be a JSON object")]
    [InlineData("""reports""", "text/plain", "must be JSON")]
    public async Task A_revoke_with_a_body_other_than_an_empty_object_is_refused(string body, string contentType, string message)
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, databases: TwoDatabases,
            users: [new { name = "app", password = "S3cret", databases = new[] { new { name = "app" } } }]);

        (await _client.SendRawAsync(HttpMethod.Delete, session.Inside(id, "users/app/databases/app"), session.Token, body, contentType))
            .AssertFault(400, "badRequest", message);
        Assert.Equal(["app"], await _client.NamesAsync(session, session.Inside(id, "users/app/databases"), "databases"));
        (await _client.SendRawAsync(HttpMethod.Delete, session.Inside(id, "users/app/databases/app"), session.Token, "{}", "application/json"))
            .AssertStatus(202);
        Assert.Empty(await _client.NamesAsync(session, session.Inside(id, "users/app/databases"), "databases"));
    }

    [Fact]
    public async Task PostgreSQL_users_have_no_host_and_Redis_users_no_single_database_access()
    {
        var session = await _app.NewProjectUserAsync();
        var pg = await _client.ActiveInstanceAsync(session, "postgresql", databases: [new { name = "ledger" }],
            users: [new { name = "ledger", password = "S3cret", databases = new[] { new { name = "ledger" } } }]);
        var users = await _client.GetAsync(session.Inside(pg, "users"), session.Token);
        var ledger = Assert.Single(users.Body.GetProperty("users").EnumerateArray());
        Assert.False(ledger.TryGetProperty("host", out _));
        (await _client.GetAsync(session.Inside(pg, "users/ledger%40%25"), session.Token)).AssertFault(400, "badRequest", "not supported by PostgreSQL");
        (await _client.SendAsync(HttpMethod.Put, session.Inside(pg, "users/ledger"), session.Token, new { user = new { host = "%" } }))
            .AssertFault(400, "badRequest", "Datastore postgresql does not support user hosts");

        var redis = await _client.ActiveInstanceAsync(session, "redis");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(redis, "users"), session.Token,
            new { users = new[] { new { name = "cache", password = "S3cret" } } })).AssertStatus(202);
        Assert.Equal(["cache"], await _client.NamesAsync(session, session.Inside(redis, "users"), "users"));
        (await _client.SendAsync(HttpMethod.Put, session.Inside(redis, "users/cache/databases"), session.Token,
            new { databases = new[] { new { name = "0" } } })).AssertFault(400, "badRequest", "Datastore redis does not support access to single databases");
        (await _client.SendAsync(HttpMethod.Put, session.Inside(redis, "users/cache"), session.Token, new { user = new { name = "other" } }))
            .AssertFault(400, "badRequest", "Datastore redis does not support renaming users");
    }

    [Fact]
    public async Task Another_projects_instance_is_not_found_and_an_instance_not_ACTIVE_answers_422()
    {
        var owner = await _app.NewProjectUserAsync();
        var stranger = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(owner, users: [new { name = "app", password = "S3cret" }]);

        (await _client.GetAsync(stranger.Inside(id, "users"), stranger.Token)).AssertFault(404, "itemNotFound", id);
        (await _client.GetAsync(stranger.Inside(id, "users/app"), stranger.Token)).AssertFault(404, "itemNotFound", id);
        (await _client.SendAsync(HttpMethod.Delete, stranger.Inside(id, "users/app"), stranger.Token)).AssertFault(404, "itemNotFound", id);
        (await _client.GetAsync(owner.Inside(id, "users"), stranger.Token)).AssertFault(403, "forbidden");

        await _app.Database.ExecuteAsync($"UPDATE instances SET task_status = 'RESIZING' WHERE id = '{id}'");
        (await _client.GetAsync(owner.Inside(id, "users"), owner.Token)).AssertFault(422, "unprocessableEntity", "its status is RESIZE");
    }
}
