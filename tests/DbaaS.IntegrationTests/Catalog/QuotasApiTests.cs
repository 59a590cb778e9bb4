using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class QuotasApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    private async Task<Dictionary<string, JsonElement>> QuotasAsync(Session admin, string projectId)
    {
        var response = await _client.GetAsync(admin.Mgmt($"quotas/{projectId}"), admin.Token);
        response.AssertStatus(200);
        return response.Items("quotas").ToDictionary(q => q.Str("resource"));
    }

    [Fact]
    public async Task A_new_project_has_the_default_quotas_and_nothing_in_use()
    {
        var admin = await app.AdminAsync();
        var session = await app.NewProjectUserAsync();
        var quotas = await QuotasAsync(admin, session.ProjectId);
        Assert.Equal(["backups", "instances", "ram", "volumes"], quotas.Keys.Order());
        var expected = new Dictionary<string, int> { ["instances"] = 10, ["volumes"] = 40, ["backups"] = 50, ["ram"] = -1 };
        foreach (var (resource, limit) in expected)
        {
            var quota = quotas[resource];
            quota.AssertKinds(("resource", JsonValueKind.String), ("in_use", JsonValueKind.Number), ("limit", JsonValueKind.Number),
                ("reserved", JsonValueKind.Number));
            Assert.Equal(limit, quota.GetProperty("limit").GetInt32());
            Assert.Equal(0, quota.GetProperty("in_use").GetInt32());
            Assert.Equal(0, quota.GetProperty("reserved").GetInt32());
        }
    }

    [Fact]
    public async Task Put_changes_only_the_named_quotas_and_echoes_them()
    {
        var admin = await app.AdminAsync();
        var session = await app.NewProjectUserAsync();
        var updated = await _client.SendAsync(HttpMethod.Put, admin.Mgmt($"quotas/{session.ProjectId}"), admin.Token,
            new { quotas = new { instances = 3 } });
        updated.AssertStatus(200);
        Assert.Equal("""{"quotas":{"instances":3}}""", updated.Text);

        var quotas = await QuotasAsync(admin, session.ProjectId);
        Assert.Equal(3, quotas["instances"].GetProperty("limit").GetInt32());
        Assert.Equal(40, quotas["volumes"].GetProperty("limit").GetInt32());
        var limits = await _client.GetAsync(session.Tenant("limits"), session.Token);
        Assert.Equal(3, limits.Items("limits").First().GetProperty("max_instances").GetInt32());
    }

    [Fact]
    public async Task Troves_sample_update_with_minus_one_and_numeric_strings_is_accepted()
    {
        var admin = await app.AdminAsync();
        var session = await app.NewProjectUserAsync();
        (await _client.SendRawAsync(HttpMethod.Put, admin.Mgmt($"quotas/{session.ProjectId}"), admin.Token,
            """{"quotas":{"instances":10,"backups":"30","volumes":-1}}""", "application/json")).AssertStatus(200);
        var quotas = await QuotasAsync(admin, session.ProjectId);
        Assert.Equal(30, quotas["backups"].GetProperty("limit").GetInt32());
        Assert.Equal(-1, quotas["volumes"].GetProperty("limit").GetInt32());
    }

    [Theory]
    [InlineData("""{"quotas":{"cpus":4}}""", "cpus")]
    [InlineData("""{"quotas":{"instances":-2}}""", "quotas.instances")]
    [InlineData("""{"quotas":{"instances":"lots"}}""", "quotas.instances")]
    [InlineData("""{"quotas":{"instances":2.5}}""", "quotas.instances")]
    [InlineData("""{"quotas":{"instances":1e30}}""", "quotas.instances")]
    [InlineData("""{"quotas":{"instances":3000000000}}""", "quotas.instances")]
    [InlineData("""{"quotas":{"instances":true}}""", "quotas.instances")]
    [InlineData("""{"quotas":{}}""", "quotas")]
    [InlineData("""{"quotas":[]}""", "quotas")]
    [InlineData("""{}""", "quotas")]
    [InlineData("""{"quotas":{"instances":1},"extra":1}""", "extra")]
    public async Task A_bad_body_is_400_badRequest_naming_the_field(string body, string field)
    {
        var admin = await app.AdminAsync();
        var session = await app.NewProjectUserAsync();
        (await _client.SendRawAsync(HttpMethod.Put, admin.Mgmt($"quotas/{session.ProjectId}"), admin.Token, body, "application/json"))
            .AssertFault(400, "badRequest", field);
        Assert.Equal(10, (await QuotasAsync(admin, session.ProjectId))["instances"].GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task An_unknown_project_is_404_itemNotFound()
    {
        var admin = await app.AdminAsync();
        var projectId = Guid.NewGuid().ToString("N");
        (await _client.GetAsync(admin.Mgmt($"quotas/{projectId}"), admin.Token)).AssertFault(404, "itemNotFound", projectId);
        (await _client.SendAsync(HttpMethod.Put, admin.Mgmt($"quotas/{projectId}"), admin.Token, new { quotas = new { instances = 1 } }))
            .AssertFault(404, "itemNotFound", projectId);
    }

    [Fact]
    public async Task Non_admins_may_not_read_or_change_quotas_not_even_their_own()
    {
        var session = await app.NewProjectUserAsync();
        (await _client.GetAsync(session.Mgmt($"quotas/{session.ProjectId}"), session.Token)).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Put, session.Mgmt($"quotas/{session.ProjectId}"), session.Token, new { quotas = new { instances = 100 } }))
            .AssertFault(403, "forbidden");
    }
}
