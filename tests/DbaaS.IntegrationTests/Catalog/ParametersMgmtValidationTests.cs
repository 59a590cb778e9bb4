using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

/// <summary>The rule a parameter carries is what configuration groups are checked against, so a bad rule is refused.</summary>
[Collection(ApiCollection.Name)]
public sealed class ParametersMgmtValidationTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Restart_required_accepts_booleans_and_0_or_1(object restartRequired)
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        var created = await _client.SendAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            CatalogSteps.Parameter("flag", "boolean", restartRequired: restartRequired));
        created.AssertStatus(200);
        var expected = restartRequired is true or 1;
        Assert.Equal(expected, Assert.Single(created.Items("configuration-parameters")).GetProperty("restart_required").GetBoolean());
    }

    [Theory]
    [InlineData("""{"name":"p","data_type":"integer","min_size":10,"max_size":5,"restart_required":0}""", "min_size")]
    [InlineData("""{"name":"p","data_type":"number","restart_required":0}""", "data_type")]
    [InlineData("""{"name":"p","data_type":"integer","allowed_values":["1","2"],"restart_required":0}""", "allowed_values")]
    [InlineData("""{"name":"p","data_type":"string","min_size":1,"restart_required":0}""", "min_size")]
    [InlineData("""{"name":"p","data_type":"integer","restart_required":2}""", "configuration-parameter.restart_required")]
    [InlineData("""{"name":"p","data_type":"integer","restart_required":"yes"}""", "configuration-parameter.restart_required")]
    [InlineData("""{"name":"p","data_type":"integer"}""", "configuration-parameter.restart_required")]
    [InlineData("""{"data_type":"integer","restart_required":0}""", "configuration-parameter.name")]
    [InlineData("""{"name":"","data_type":"integer","restart_required":0}""", "configuration-parameter.name")]
    [InlineData("""{"name":"a b","data_type":"integer","restart_required":0}""", "configuration-parameter.name")]
    [InlineData("""{"name":"p","restart_required":0}""", "configuration-parameter.data_type")]
    [InlineData("""{"name":"p","data_type":"integer","min_size":"1","restart_required":0}""", "configuration-parameter.min_size")]
    [InlineData("""{"name":"p","data_type":"integer","min_size":1.5,"restart_required":0}""", "min_size")]
    [InlineData("""{"name":"p","data_type":"float","min_size":1e400,"restart_required":0}""", "configuration-parameter.min_size")]
    [InlineData("""{"name":"p","data_type":"string","description":"a\u0000b","restart_required":0}""", "configuration-parameter.description")]
    [InlineData("""{"name":"p","data_type":"integer","restart_required":0,"colour":"red"}""", "configuration-parameter.colour")]
    [InlineData("""{"name":"p","data_type":"integer","restart_required":true,"dynamic":true}""", "dynamic")]
    public async Task A_bad_rule_is_400_badRequest_naming_the_field(string parameter, string field)
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        var body = $$"""{"configuration-parameter":{{parameter}}}""";
        (await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token, body, "application/json"))
            .AssertFault(400, "badRequest", field);
        Assert.Empty((await _client.GetAsync(admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token)).Items("configuration-parameters"));
    }

    [Fact]
    public async Task A_bad_rule_on_put_is_400_and_leaves_the_old_rule()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");
        var path = admin.Mgmt($"datastores/versions/{versionId}/parameters/connect_timeout");
        (await _client.SendAsync(HttpMethod.Put, path, admin.Token, CatalogSteps.Parameter("connect_timeout", "integer", min: 9, max: 1, restartRequired: 0)))
            .AssertFault(400, "badRequest", "min_size");
        Assert.Equal(64, (await _client.GetAsync(path, admin.Token)).Body.GetProperty("min_size").GetInt64());
    }

    [Fact]
    public async Task Put_may_not_rename_the_parameter()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");
        (await _client.SendAsync(HttpMethod.Put, admin.Mgmt($"datastores/versions/{versionId}/parameters/connect_timeout"), admin.Token,
            CatalogSteps.Parameter("other_name", "integer", restartRequired: 0))).AssertFault(400, "badRequest", "other_name");
    }

    [Fact]
    public async Task A_body_without_the_wrapper_is_400_naming_it()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        (await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            """{"name":"p","data_type":"integer","restart_required":0}""", "application/json"))
            .AssertFault(400, "badRequest", "configuration-parameter");
    }

    [Fact]
    public async Task A_duplicate_name_is_409_conflictingRequest()
    {
        var admin = await app.AdminAsync();
        var versionId = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            CatalogSteps.Parameter("connect_timeout", "integer", restartRequired: 0))).AssertFault(409, "conflictingRequest", "connect_timeout");
    }

    [Fact]
    public async Task Unknown_versions_and_parameters_are_404_itemNotFound()
    {
        var admin = await app.AdminAsync();
        var body = CatalogSteps.Parameter("p", "integer", restartRequired: 0);
        foreach (var versionId in new[] { Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            var list = admin.Mgmt($"datastores/versions/{versionId}/parameters");
            (await _client.GetAsync(list, admin.Token)).AssertFault(404, "itemNotFound", versionId);
            (await _client.SendAsync(HttpMethod.Post, list, admin.Token, body)).AssertFault(404, "itemNotFound", versionId);
            (await _client.GetAsync($"{list}/p", admin.Token)).AssertFault(404, "itemNotFound");
            (await _client.SendAsync(HttpMethod.Put, $"{list}/p", admin.Token, body)).AssertFault(404, "itemNotFound");
            (await _client.SendAsync(HttpMethod.Delete, $"{list}/p", admin.Token)).AssertFault(404, "itemNotFound");
        }
        var known = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        (await _client.GetAsync(admin.Mgmt($"datastores/versions/{known}/parameters/nope"), admin.Token)).AssertFault(404, "itemNotFound", "nope");
    }
}
