using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Identity;

[Collection(ApiCollection.Name)]
public sealed class KeystoneApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Version_document_is_served_at_v3()
    {
        var response = await _client.GetAsync("/v3", null);
        response.AssertStatus(200);
        Assert.Equal("v3.14", response.Body.GetProperty("version").GetProperty("id").GetString());
        Assert.Equal("stable", response.Body.GetProperty("version").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Password_login_scoped_by_project_name_returns_token_and_database_catalog()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/v3/auth/tokens", null,
            ApiClient.PasswordAuth("demo", DbaaSApp.DemoPassword, "demo"));
        response.AssertStatus(201);
        Assert.StartsWith("dbaas_", response.Headers.GetValues("X-Subject-Token").Single());
        var token = response.Body.GetProperty("token");
        var projectId = token.GetProperty("project").GetProperty("id").GetString();
        Assert.Equal("demo", token.GetProperty("project").GetProperty("name").GetString());
        Assert.Contains(token.GetProperty("roles").EnumerateArray(), r => r.GetProperty("name").GetString() == "member");
        var database = token.GetProperty("catalog").EnumerateArray().Single(s => s.GetProperty("type").GetString() == "database");
        var publicUrl = database.GetProperty("endpoints").EnumerateArray()
            .Single(e => e.GetProperty("interface").GetString() == "public").GetProperty("url").GetString();
        Assert.Equal($"{app.BaseUrl}/v1.0/{projectId}", publicUrl);
    }

    [Fact]
    public async Task Password_login_scoped_by_project_id_works()
    {
        var demo = await app.DemoAsync();
        var response = await _client.SendAsync(HttpMethod.Post, "/v3/auth/tokens", null, new
        {
            auth = new
            {
                identity = new { methods = new[] { "password" }, password = new { user = new { name = "demo", domain = new { id = "default" }, password = DbaaSApp.DemoPassword } } },
                scope = new { project = new { id = demo.ProjectId } },
            },
        });
        response.AssertStatus(201);
    }

    [Fact]
    public async Task Wrong_password_unknown_user_and_foreign_project_are_401_in_keystone_shape()
    {
        foreach (var body in new[]
                 {
                     ApiClient.PasswordAuth("demo", "wrong-password", "demo"),
                     ApiClient.PasswordAuth("nobody", "whatever-pass", "demo"),
                     ApiClient.PasswordAuth("demo", DbaaSApp.DemoPassword, "admin"),
                 })
        {
            var response = await _client.SendAsync(HttpMethod.Post, "/v3/auth/tokens", null, body);
            response.AssertStatus(401);
            Assert.Equal(401, response.Body.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal("Unauthorized", response.Body.GetProperty("error").GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Malformed_auth_bodies_are_400_naming_the_field()
    {
        var missingPassword = await _client.SendRawAsync(HttpMethod.Post, "/v3/auth/tokens", null,
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"}}}}}}""", "application/json");
        missingPassword.AssertStatus(400);
        Assert.Contains("auth.identity.password.user.password", missingPassword.Body.GetProperty("error").GetProperty("message").GetString());

        var notJson = await _client.SendRawAsync(HttpMethod.Post, "/v3/auth/tokens", null, "{auth:", "application/json");
        notJson.AssertStatus(400);
    }

    [Fact]
    public async Task Validate_check_and_revoke_a_token()
    {
        var demo = await app.DemoAsync();
        var other = await app.DemoAsync();
        var headers = new Dictionary<string, string> { ["X-Subject-Token"] = other.Token };

        var shown = await _client.SendRawAsync(HttpMethod.Get, "/v3/auth/tokens", demo.Token, null, null, headers);
        shown.AssertStatus(200);
        Assert.Equal(demo.ProjectId, shown.Body.GetProperty("token").GetProperty("project").GetProperty("id").GetString());
        (await _client.SendRawAsync(HttpMethod.Head, "/v3/auth/tokens", demo.Token, null, null, headers)).AssertStatus(200);

        (await _client.SendRawAsync(HttpMethod.Delete, "/v3/auth/tokens", demo.Token, null, null, headers)).AssertStatus(204);

        (await _client.SendRawAsync(HttpMethod.Head, "/v3/auth/tokens", demo.Token, null, null, headers)).AssertStatus(404);
        (await _client.GetAsync($"/v1.0/{other.ProjectId}/flavors", other.Token)).AssertFault(401, "unauthorized");
        (await _client.GetAsync($"/v1.0/{demo.ProjectId}/flavors", demo.Token)).AssertStatus(200);
    }

    [Fact]
    public async Task A_user_cannot_look_at_another_users_token_but_an_admin_can()
    {
        var demo = await app.DemoAsync();
        var stranger = await app.NewProjectUserAsync();
        var admin = await app.AdminAsync();
        var headers = new Dictionary<string, string> { ["X-Subject-Token"] = demo.Token };
        (await _client.SendRawAsync(HttpMethod.Get, "/v3/auth/tokens", stranger.Token, null, null, headers)).AssertStatus(403);
        (await _client.SendRawAsync(HttpMethod.Get, "/v3/auth/tokens", admin.Token, null, null, headers)).AssertStatus(200);
    }

    [Fact]
    public async Task Admin_creates_projects_and_users_and_assigns_roles()
    {
        var admin = await app.AdminAsync();
        var session = await app.NewProjectUserAsync("reader");
        var projects = await _client.GetAsync("/v3/projects", admin.Token);
        projects.AssertStatus(200);
        Assert.Contains(projects.Body.GetProperty("projects").EnumerateArray(), p => p.GetProperty("id").GetString() == session.ProjectId);
        var users = await _client.GetAsync("/v3/users", admin.Token);
        Assert.Contains(users.Body.GetProperty("users").EnumerateArray(), u => u.GetProperty("id").GetString() == session.UserId);
        var roles = await _client.GetAsync($"/v3/projects/{session.ProjectId}/users/{session.UserId}/roles", admin.Token);
        Assert.Equal(["reader"], roles.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Duplicate_project_is_409_and_non_admin_cannot_create()
    {
        var admin = await app.AdminAsync();
        var demo = await app.DemoAsync();
        var name = "dup-" + Guid.NewGuid().ToString("N")[..8];
        (await _client.SendAsync(HttpMethod.Post, "/v3/projects", admin.Token, new { project = new { name } })).AssertStatus(201);
        (await _client.SendAsync(HttpMethod.Post, "/v3/projects", admin.Token, new { project = new { name } })).AssertStatus(409);
        (await _client.SendAsync(HttpMethod.Post, "/v3/projects", demo.Token, new { project = new { name = name + "x" } })).AssertStatus(403);
        (await _client.SendAsync(HttpMethod.Post, "/v3/users", admin.Token, new { user = new { name = "short", password = "123" } })).AssertStatus(400);
        (await _client.SendAsync(HttpMethod.Post, "/v3/projects", admin.Token, new { project = new { name = "x", colour = "red" } })).AssertStatus(400);
    }

    [Fact]
    public async Task Removing_a_role_revokes_the_users_tokens_at_once()
    {
        var admin = await app.AdminAsync();
        var session = await app.NewProjectUserAsync("member");
        (await _client.GetAsync($"/v1.0/{session.ProjectId}/flavors", session.Token)).AssertStatus(200);
        (await _client.SendAsync(HttpMethod.Delete, $"/v3/projects/{session.ProjectId}/users/{session.UserId}/roles/member", admin.Token)).AssertStatus(204);
        (await _client.GetAsync($"/v1.0/{session.ProjectId}/flavors", session.Token)).AssertFault(401, "unauthorized");
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var session = await app.NewProjectUserAsync();
        var hash = DbaaS.Core.Identity.TokenHashing.Hash(session.Token);
        await app.Database.ExecuteAsync($"UPDATE tokens SET expires_at = now() - interval '1 second' WHERE token_hash = '{hash}'");
        (await _client.GetAsync($"/v1.0/{session.ProjectId}/flavors", session.Token)).AssertFault(401, "unauthorized", "expired");
    }

    [Fact]
    public async Task Revocation_reaches_a_second_api_replica_that_cached_the_token()
    {
        var session = await app.NewProjectUserAsync();
        var replica = new DbaaSApp() { SharedDatabase = app.Database };
        await ((IAsyncLifetime)replica).InitializeAsync();
        try
        {
            var replicaClient = replica.Client();
            (await replicaClient.GetAsync($"/v1.0/{session.ProjectId}/flavors", session.Token)).AssertStatus(200);
            var headers = new Dictionary<string, string> { ["X-Subject-Token"] = session.Token };
            (await _client.SendRawAsync(HttpMethod.Delete, "/v3/auth/tokens", session.Token, null, null, headers)).AssertStatus(204);

            // NOTIFY is asynchronous: allow it a moment to arrive, but no more than a few seconds.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            ApiResponse response;
            do
            {
                response = await replicaClient.GetAsync($"/v1.0/{session.ProjectId}/flavors", session.Token);
                if (response.Code == 401) break;
                await Task.Delay(50);
            } while (DateTime.UtcNow < deadline);
            response.AssertFault(401, "unauthorized");
        }
        finally
        {
            await ((IAsyncLifetime)replica).DisposeAsync();
        }
    }
}
