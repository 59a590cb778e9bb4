using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class ParametersMgmtApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Create_answers_with_Troves_create_response()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        // Trove's datastore-version-parameter-create-request, restart_required as 0.
        var created = await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            """{"configuration-parameter":{"name":"connect_timeout","data_type":"integer","min_size":64,"max_size":65535,"restart_required":0}}""",
            "application/json");
        created.AssertStatus(200);
        var parameter = Assert.Single(created.Items("configuration-parameters"));
        parameter.AssertKinds(("datastore_version_id", JsonValueKind.String), ("name", JsonValueKind.String), ("type", JsonValueKind.String),
            ("min", JsonValueKind.Number), ("max", JsonValueKind.Number), ("restart_required", JsonValueKind.True));
        Assert.Equal(versionId, parameter.Str("datastore_version_id"));
        Assert.Equal("connect_timeout", parameter.Str("name"));
        Assert.Equal("integer", parameter.Str("type"));
        Assert.Equal(64, parameter.GetProperty("min").GetInt64());
        Assert.Equal(65535, parameter.GetProperty("max").GetInt64());
        Assert.False(parameter.GetProperty("restart_required").GetBoolean());
    }

    [Fact]
    public async Task Mgmt_list_and_show_add_Troves_raw_columns()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");

        var list = await _client.GetAsync(admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token);
        list.AssertStatus(200);
        Assert.Equal(["connect_timeout"], list.Items("configuration-parameters").Select(p => p.Str("name")));

        var shown = await _client.GetAsync(admin.Mgmt($"datastores/versions/{versionId}/parameters/connect_timeout"), admin.Token);
        shown.AssertStatus(200);
        shown.Body.AssertKinds(("min_size", JsonValueKind.Number), ("max_size", JsonValueKind.Number), ("deleted", JsonValueKind.Number),
            ("deleted_at", JsonValueKind.Null), ("restart_required", JsonValueKind.True), ("type", JsonValueKind.String));
        Assert.Equal(64, shown.Body.GetProperty("min_size").GetInt64());
        Assert.Equal(0, shown.Body.GetProperty("deleted").GetInt32());
    }

    [Fact]
    public async Task Put_replaces_the_rule_and_answers_with_Troves_update_response()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");
        // Trove's datastore-version-parameter-update-request.
        var updated = await _client.SendRawAsync(HttpMethod.Put, admin.Mgmt($"datastores/versions/{versionId}/parameters/connect_timeout"), admin.Token,
            """{"configuration-parameter":{"name":"connect_timeout","data_type":"integer","min_size":64,"max_size":65535,"restart_required":1}}""",
            "application/json");
        updated.AssertStatus(200);
        var body = updated.Body;
        Assert.Equal(versionId, body.Str("datastore_version_id"));
        Assert.True(body.GetProperty("restart_required").GetBoolean());
        Assert.Equal(0, body.GetProperty("deleted").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("deleted_at").ValueKind);
        Assert.Equal(64, body.GetProperty("min_size").GetInt64());
        Assert.Equal(65535, body.GetProperty("max_size").GetInt64());
        // Dynamic follows restart_required unless given: a parameter that needs a restart cannot be applied live.
        Assert.False(body.GetProperty("dynamic").GetBoolean());
    }

    [Fact]
    public async Task Changes_reach_the_tenant_parameter_routes_at_once()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var versionId = await _client.CreateVersionAsync(admin, datastore, "1.0");
        var member = await app.NewProjectUserAsync();
        var tenantList = member.Tenant($"datastores/{datastore}/versions/1.0/parameters");
        var tenantShow = member.Tenant($"datastores/versions/{versionId}/parameters/wait_timeout");
        Assert.Empty((await _client.GetAsync(tenantList, member.Token)).Items("configuration-parameters"));

        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            CatalogSteps.Parameter("wait_timeout", "integer", min: 1, max: 100, restartRequired: false))).AssertStatus(200);
        Assert.Equal(["wait_timeout"], (await _client.GetAsync(tenantList, member.Token)).Items("configuration-parameters").Select(p => p.Str("name")));

        (await _client.SendAsync(HttpMethod.Put, admin.Mgmt($"datastores/versions/{versionId}/parameters/wait_timeout"), admin.Token,
            CatalogSteps.Parameter("wait_timeout", "integer", min: 1, max: 31536000, restartRequired: false))).AssertStatus(200);
        Assert.Equal(31536000, (await _client.GetAsync(tenantShow, member.Token)).Body.GetProperty("max").GetInt64());

        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"datastores/versions/{versionId}/parameters/wait_timeout"), admin.Token)).AssertStatus(202);
        (await _client.GetAsync(tenantShow, member.Token)).AssertFault(404, "itemNotFound", "wait_timeout");
        Assert.Empty((await _client.GetAsync(tenantList, member.Token)).Items("configuration-parameters"));
    }

    [Fact]
    public async Task Delete_is_202_then_the_parameter_is_404_and_its_name_free_again()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");
        var path = admin.Mgmt($"datastores/versions/{versionId}/parameters/connect_timeout");

        (await _client.SendAsync(HttpMethod.Delete, path, admin.Token)).AssertStatus(202);

        (await _client.GetAsync(path, admin.Token)).AssertFault(404, "itemNotFound", "connect_timeout");
        (await _client.SendAsync(HttpMethod.Delete, path, admin.Token)).AssertFault(404, "itemNotFound");
        (await _client.SendAsync(HttpMethod.Put, path, admin.Token, CatalogSteps.Parameter("connect_timeout", "integer", restartRequired: 0)))
            .AssertFault(404, "itemNotFound");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            CatalogSteps.Parameter("connect_timeout", "integer", restartRequired: true))).AssertStatus(200);
    }

    [Fact]
    public async Task Our_extensions_are_stored_and_shown_to_tenants()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var versionId = await _client.CreateVersionAsync(admin, datastore, "1.0");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            CatalogSteps.Parameter("sync_mode", "string", restartRequired: false, extra: new Dictionary<string, object>
            {
                ["dynamic"] = true, ["default"] = "fast", ["allowed_values"] = new[] { "fast", "safe" }, ["unit"] = "mode",
                ["description"] = "How writes are flushed.",
            }))).AssertStatus(200);

        var member = await app.NewProjectUserAsync();
        var shown = await _client.GetAsync(member.Tenant($"datastores/{datastore}/versions/1.0/parameters/sync_mode"), member.Token);
        shown.AssertStatus(200);
        Assert.True(shown.Body.GetProperty("dynamic").GetBoolean());
        Assert.Equal("fast", shown.Body.Str("default"));
        Assert.Equal(["fast", "safe"], shown.Body.GetProperty("allowed_values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("mode", shown.Body.Str("unit"));
        Assert.Equal("How writes are flushed.", shown.Body.Str("description"));
    }

    [Fact]
    public async Task Float_bounds_keep_their_fractions()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        var created = await _client.SendAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            CatalogSteps.Parameter("ratio", "float", min: 0.25, max: 1.5, restartRequired: false));
        created.AssertStatus(200);
        var parameter = Assert.Single(created.Items("configuration-parameters"));
        Assert.Equal(0.25, parameter.GetProperty("min").GetDouble());
        Assert.Equal(1.5, parameter.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task Non_admins_may_not_use_the_mgmt_parameter_routes()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");
        var member = await app.NewProjectUserAsync();
        var list = member.Mgmt($"datastores/versions/{versionId}/parameters");
        var one = $"{list}/connect_timeout";
        var body = CatalogSteps.Parameter("connect_timeout", "integer", restartRequired: 0);
        (await _client.GetAsync(list, member.Token)).AssertFault(403, "forbidden");
        (await _client.GetAsync(one, member.Token)).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Post, list, member.Token, body)).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Put, one, member.Token, body)).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Delete, one, member.Token)).AssertFault(403, "forbidden");
    }
}
