using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Identity;

/// <summary>DbaaS dropped into an existing cloud: its API trusts a real Keystone's tokens (Identity:Mode=Keystone).</summary>
[Collection(KeystoneCollection.Name)]
public sealed class KeystoneModeApiTests(PrivateKeystone keystone)
{
    private DbaaSApp KeystoneBackedApp(string? keystoneUrl = null) => new()
    {
        Settings =
        {
            ["Identity:Mode"] = "Keystone",
            ["Identity:Keystone:Url"] = keystoneUrl ?? keystone.Url.ToString(),
            ["Identity:Keystone:ServiceUsername"] = "dbaas",
            ["Identity:Keystone:ServicePassword"] = keystone.ServicePassword,
            ["Identity:Keystone:ServiceProjectName"] = "service",
            ["Identity:Keystone:CacheSeconds"] = "0",
        },
    };

    [KeystoneFact]
    public async Task A_keystone_token_reaches_its_own_project_and_nothing_else()
    {
        await using var app = KeystoneBackedApp();
        await ((IAsyncLifetime)app).InitializeAsync();
        using var users = new KeystoneTestClient(keystone.Url);
        var demo = await users.IssueAsync("demo", keystone.DemoPassword, "demo");
        var client = app.Client();

        var flavors = await client.GetAsync($"/v1.0/{demo.ProjectId}/flavors", demo.Token);
        flavors.AssertStatus(200);
        (await client.GetAsync($"/v1.0/someone-elses-project/flavors", demo.Token)).AssertFault(403, "forbidden");
        (await client.GetAsync($"/v1.0/{demo.ProjectId}/mgmt/datastore-versions", demo.Token)).AssertFault(403, "forbidden");
        (await client.GetAsync($"/v1.0/{demo.ProjectId}/flavors", "not-a-keystone-token")).AssertFault(401, "unauthorized");

        // Keystone is the identity service now: DbaaS does not serve its own.
        (await client.SendAsync(HttpMethod.Post, "/v3/auth/tokens", null, ApiClient.PasswordAuth("demo", "x", "demo"))).AssertStatus(404);

        await users.RevokeAsync(demo.Token);
        (await client.GetAsync($"/v1.0/{demo.ProjectId}/flavors", demo.Token)).AssertFault(401, "unauthorized");
    }

    [KeystoneFact]
    public async Task A_keystone_admin_may_use_the_management_api()
    {
        await using var app = KeystoneBackedApp();
        await ((IAsyncLifetime)app).InitializeAsync();
        using var users = new KeystoneTestClient(keystone.Url);
        var admin = await users.IssueAsync("admin", keystone.AdminPassword, "admin");
        var client = app.Client();
        (await client.GetAsync($"/v1.0/{admin.ProjectId}/mgmt/datastore-versions", admin.Token)).AssertStatus(200);
        (await client.GetAsync($"/v1.0/{admin.ProjectId}/mgmt/quotas/any-keystone-project", admin.Token)).AssertStatus(200);
    }

    [KeystoneFact]
    public async Task Keystone_unreachable_is_503_not_401()
    {
        await using var app = KeystoneBackedApp("http://127.0.0.1:9/v3");
        await ((IAsyncLifetime)app).InitializeAsync();
        (await app.Client().GetAsync("/v1.0/p/flavors", "some-token")).AssertFault(503, "serviceUnavailable", "identity");
    }
}
