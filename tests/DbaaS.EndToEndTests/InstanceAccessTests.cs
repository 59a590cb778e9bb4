using System.Text.Json;
using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.IntegrationTests.Instances;

namespace DbaaS.EndToEndTests;

/// <summary>
/// Databases, users and root through the API on a real engine, every effect checked with the engine's own client:
/// a created user logs in and reaches exactly its granted databases, a revoked grant is gone, a new password
/// replaces the old, a renamed user logs in under its new name only, root enabled logs in with the returned password
/// and disabled does not. Refusals come back as Trove's faults and change nothing.
/// </summary>
public abstract class InstanceAccessTests(ProcessServersApp fixture, AccessEngineClient engine) : IClassFixture<ProcessServersApp>
{
    static readonly TimeSpan Build = TimeSpan.FromSeconds(90);
    // Quotes, a backslash, a semicolon and a space: the password must reach the engine exactly as given.
    protected const string TrickyPassword = "it's \"a\" \\pass; word";

    protected ApiClient Client { get; } = fixture.App.Client();
    protected AccessEngineClient Engine { get; } = engine;

    protected async Task<(Session Session, string Id, string Host, int Port)> ActiveInstanceAsync()
    {
        var session = await fixture.App.NewProjectUserAsync();
        var id = await Client.CreateInstanceAsync(session, InstanceSteps.CreateBody($"{Engine.Datastore}-access", datastore: Engine.Datastore));
        var active = await Client.WaitForStatusAsync(session, id, Build, "ACTIVE", "ERROR");
        Assert.True(active.Str("status") == "ACTIVE", active.ToString());
        return (session, id, active.Str("hostname"), active.GetProperty("port").GetInt32());
    }

    protected async Task<JsonElement> SendAsync(Session session, HttpMethod method, string path, int status, object? body = null)
    {
        var answer = await Client.SendAsync(method, session.Tenant(path), session.Token, body);
        answer.AssertStatus(status);
        return answer.Body;
    }

    protected async Task<string[]> NamesAsync(Session session, string path, string envelope) =>
        (await SendAsync(session, HttpMethod.Get, path, 200)).GetProperty(envelope).EnumerateArray().Select(e => e.Str("name")).ToArray();

    [Fact]
    public async Task Root_enabled_logs_in_with_the_returned_password_and_disabled_does_not()
    {
        var (session, id, host, port) = await ActiveInstanceAsync();
        Assert.False((await SendAsync(session, HttpMethod.Get, $"instances/{id}/root", 200)).GetProperty("rootEnabled").GetBoolean());

        var root = (await SendAsync(session, HttpMethod.Post, $"instances/{id}/root", 200)).GetProperty("user");
        Assert.Equal("root", root.Str("name"));
        var password = root.Str("password");
        Assert.True(password.Length >= 16, "a generated root password is long");
        Assert.True(await Engine.CanLogInAsync(host, port, "root", password), "root cannot log in with the returned password");
        Assert.True((await SendAsync(session, HttpMethod.Get, $"instances/{id}/root", 200)).GetProperty("rootEnabled").GetBoolean());

        var admin = await fixture.App.AdminAsync();
        var history = (await Client.GetAsync($"/v1.0/{admin.ProjectId}/mgmt/instances/{id}/root", admin.Token));
        history.AssertStatus(200);
        Assert.Equal(session.UserId, history.Body.GetProperty("root_history").Str("user"));

        await Client.SendAsync(HttpMethod.Delete, session.Tenant($"instances/{id}/root"), session.Token);
        Assert.False(await Engine.CanLogInAsync(host, port, "root", password), "root still logs in after disable");

        // A password the tenant chooses, quotes and all.
        var chosen = (await SendAsync(session, HttpMethod.Post, $"instances/{id}/root", 200, new { password = TrickyPassword })).GetProperty("user");
        Assert.Equal(TrickyPassword, chosen.Str("password"));
        Assert.True(await Engine.CanLogInAsync(host, port, "root", TrickyPassword), "root cannot log in with the chosen password");
    }
}

/// <summary>The engines with named databases and per-database grants: MariaDB (hosts) and PostgreSQL.</summary>
public abstract class SqlInstanceAccessTests(ProcessServersApp fixture, AccessEngineClient engine, string userPath)
    : InstanceAccessTests(fixture, engine)
{
    [Fact]
    public async Task Databases_users_grants_passwords_and_renames_show_in_the_engine()
    {
        var (session, id, host, port) = await ActiveInstanceAsync();
        await SendAsync(session, HttpMethod.Post, $"instances/{id}/databases", 202,
            new { databases = new[] { new { name = "sales" }, new { name = "stock" }, new { name = "hr" } } });
        Assert.Equal(["hr", "sales", "stock"], await NamesAsync(session, $"instances/{id}/databases", "databases"));

        await SendAsync(session, HttpMethod.Post, $"instances/{id}/users", 202, new
        {
            users = new[] { new { name = "clerk", password = TrickyPassword, databases = new[] { new { name = "sales" }, new { name = "stock" } } } },
        });
        Assert.Equal(["sales", "stock"], await Engine.ReachableAsync(host, port, "clerk", TrickyPassword, "sales", "stock", "hr"));
        Assert.Equal(["sales", "stock"], await NamesAsync(session, $"instances/{id}/users/{userPath}/databases", "databases"));

        // Revoke one database: gone from the engine and from the listing.
        await SendAsync(session, HttpMethod.Delete, $"instances/{id}/users/{userPath}/databases/stock", 202);
        Assert.Equal(["sales"], await Engine.ReachableAsync(host, port, "clerk", TrickyPassword, "sales", "stock", "hr"));

        // Grant another, then change the password through the bulk route.
        await SendAsync(session, HttpMethod.Put, $"instances/{id}/users/{userPath}/databases", 202, new { databases = new[] { new { name = "hr" } } });
        await SendAsync(session, HttpMethod.Put, $"instances/{id}/users", 202, new { users = new[] { new { name = "clerk", password = "N3w-secret" } } });
        Assert.False(await Engine.CanLogInAsync(host, port, "clerk", TrickyPassword, "sales"), "the old password still works");
        Assert.Equal(["sales", "hr"], await Engine.ReachableAsync(host, port, "clerk", "N3w-secret", "sales", "stock", "hr"));

        // Rename: the new name logs in with the same password and keeps its grants; the old name is gone.
        await SendAsync(session, HttpMethod.Put, $"instances/{id}/users/{userPath}", 202, new { user = new { name = "manager" } });
        Assert.False(await Engine.CanLogInAsync(host, port, "clerk", "N3w-secret", "sales"), "the old name still logs in");
        Assert.Equal(["sales", "hr"], await Engine.ReachableAsync(host, port, "manager", "N3w-secret", "sales", "stock", "hr"));
        Assert.Contains("manager", await NamesAsync(session, $"instances/{id}/users", "users"));

        // Refusals: each says why, and nothing changes.
        (await Client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/databases"), session.Token, new { databases = new[] { new { name = "sales" } } }))
            .AssertFault(400, "badRequest", "sales");
        (await Client.GetAsync(session.Tenant($"instances/{id}/users/nobody"), session.Token)).AssertFault(404, "itemNotFound", "nobody");
        (await Client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/databases"), session.Token,
            new { databases = new[] { new { name = "x`; DROP DATABASE sales; --" } } })).AssertStatus(400);
        (await Client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/users"), session.Token,
            new { users = new[] { new { name = "evil\" SUPERUSER --", password = "pw" } } })).AssertStatus(400);
        Assert.Equal(["hr", "sales", "stock"], await NamesAsync(session, $"instances/{id}/databases", "databases"));

        // Deleting the user and a database: both gone from the Engine.
        await SendAsync(session, HttpMethod.Delete, $"instances/{id}/users/{userPath.Replace("clerk", "manager")}", 202);
        Assert.False(await Engine.CanLogInAsync(host, port, "manager", "N3w-secret", "sales"), "a deleted user still logs in");
        await SendAsync(session, HttpMethod.Delete, $"instances/{id}/databases/stock", 202);
        Assert.Equal(["hr", "sales"], await NamesAsync(session, $"instances/{id}/databases", "databases"));
    }
}

public sealed class MariaDbAccessTests(ProcessServersApp fixture)
    : SqlInstanceAccessTests(fixture, new MariaDbAccessClient(), Uri.EscapeDataString("clerk@%"));

public sealed class PostgreSqlAccessTests(ProcessServersApp fixture)
    : SqlInstanceAccessTests(fixture, new PostgreSqlAccessClient(), "clerk");

public sealed class RedisAccessTests(ProcessServersApp fixture) : InstanceAccessTests(fixture, new RedisAccessClient())
{
    [Fact]
    public async Task Acl_users_log_in_change_passwords_and_go_and_databases_are_the_numbered_ones()
    {
        var (session, id, host, port) = await ActiveInstanceAsync();
        var databases = await NamesAsync(session, $"instances/{id}/databases", "databases");
        Assert.Contains("0", databases);
        Assert.Contains("15", databases);
        (await Client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/databases"), session.Token, new { databases = new[] { new { name = "app" } } }))
            .AssertFault(400, "badRequest", "redis");

        await SendAsync(session, HttpMethod.Post, $"instances/{id}/users", 202, new { users = new[] { new { name = "cache", password = TrickyPassword } } });
        Assert.True(await Engine.CanLogInAsync(host, port, "cache", TrickyPassword, "3"), "the new ACL user cannot log in");
        Assert.Equal(["cache"], await NamesAsync(session, $"instances/{id}/users", "users"));

        await SendAsync(session, HttpMethod.Put, $"instances/{id}/users/cache", 202, new { user = new { password = "N3w-secret" } });
        Assert.False(await Engine.CanLogInAsync(host, port, "cache", TrickyPassword), "the old password still works");
        Assert.True(await Engine.CanLogInAsync(host, port, "cache", "N3w-secret"), "the new password does not work");
        (await Client.SendAsync(HttpMethod.Put, session.Tenant($"instances/{id}/users/cache"), session.Token, new { user = new { name = "renamed" } }))
            .AssertFault(400, "badRequest", "redis");

        await SendAsync(session, HttpMethod.Delete, $"instances/{id}/users/cache", 202);
        Assert.False(await Engine.CanLogInAsync(host, port, "cache", "N3w-secret"), "a deleted user still logs in");
    }
}
