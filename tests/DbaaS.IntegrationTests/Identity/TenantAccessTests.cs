using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Identity;

[Collection(ApiCollection.Name)]
public sealed class TenantAccessTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task No_token_or_a_bad_token_is_401()
    {
        var demo = await app.DemoAsync();
        (await _client.GetAsync($"/v1.0/{demo.ProjectId}/flavors", null)).AssertFault(401, "unauthorized", "X-Auth-Token");
        (await _client.GetAsync($"/v1.0/{demo.ProjectId}/flavors", "dbaas_not-a-real-token")).AssertFault(401, "unauthorized");
    }

    [Fact]
    public async Task Project_As_token_on_project_Bs_path_is_403()
    {
        var a = await app.NewProjectUserAsync();
        var b = await app.NewProjectUserAsync();
        (await _client.GetAsync($"/v1.0/{b.ProjectId}/flavors", a.Token)).AssertFault(403, "forbidden", b.ProjectId);
        (await _client.GetAsync($"/v1.0/{b.ProjectId}/limits", a.Token)).AssertFault(403, "forbidden");
        (await _client.GetAsync($"/v1.0/{a.ProjectId}/flavors", a.Token)).AssertStatus(200);
    }

    [Fact]
    public async Task Admin_may_act_on_any_project()
    {
        var admin = await app.AdminAsync();
        var other = await app.NewProjectUserAsync();
        (await _client.GetAsync($"/v1.0/{other.ProjectId}/flavors", admin.Token)).AssertStatus(200);
    }

    [Fact]
    public async Task Non_admin_on_mgmt_is_403()
    {
        var demo = await app.DemoAsync();
        (await _client.GetAsync($"/v1.0/{demo.ProjectId}/mgmt/datastore-versions", demo.Token)).AssertFault(403, "forbidden", "administrators");
        (await _client.GetAsync($"/v1.0/{demo.ProjectId}/mgmt/quotas/{demo.ProjectId}", demo.Token)).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Post, $"/v1.0/{demo.ProjectId}/mgmt/flavors", demo.Token,
            new { flavor = new { name = "x", ram = 512, vcpus = 1, disk = 1 } })).AssertFault(403, "forbidden");
    }

    [Fact]
    public async Task Reader_may_read_but_not_change()
    {
        var reader = await app.NewProjectUserAsync("reader");
        (await _client.GetAsync($"/v1.0/{reader.ProjectId}/datastores", reader.Token)).AssertStatus(200);
        (await _client.SendAsync(HttpMethod.Delete, $"/v1.0/{reader.ProjectId}/datastores/mariadb", reader.Token)).AssertFault(403, "forbidden");
    }
}
