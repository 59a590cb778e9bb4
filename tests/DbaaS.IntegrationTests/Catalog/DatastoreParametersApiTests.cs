using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class DatastoreParametersApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    private async Task<string> VersionIdAsync(Session session, string datastore, string version) =>
        (await _client.GetAsync(session.Tenant($"datastores/{datastore}/versions/{version}"), session.Token)).Body.GetProperty("version").Str("id");

    [Fact]
    public async Task Parameters_of_a_version_are_listed_in_Troves_shape()
    {
        var session = await app.NewProjectUserAsync();
        var versionId = await VersionIdAsync(session, "mysql", "8.0");
        var response = await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0/parameters"), session.Token);
        response.AssertStatus(200);
        var parameters = response.Items("configuration-parameters").ToList();
        Assert.True(parameters.Count > 50, $"expected the shipped mysql catalog, got {parameters.Count} parameters");
        Assert.All(parameters, p => Assert.Equal(versionId, p.Str("datastore_version_id")));

        var autocommit = parameters.Single(p => p.Str("name") == "autocommit");
        autocommit.AssertKinds(("datastore_version_id", JsonValueKind.String), ("name", JsonValueKind.String), ("type", JsonValueKind.String),
            ("min", JsonValueKind.Number), ("max", JsonValueKind.Number), ("restart_required", JsonValueKind.True));
        Assert.Equal("integer", autocommit.Str("type"));
        Assert.Equal(0, autocommit.GetProperty("min").GetInt64());
        Assert.Equal(1, autocommit.GetProperty("max").GetInt64());
        Assert.False(autocommit.GetProperty("restart_required").GetBoolean());
    }

    [Fact]
    public async Task Both_route_forms_list_the_same_parameters()
    {
        var session = await app.NewProjectUserAsync();
        var versionId = await VersionIdAsync(session, "postgresql", "15");
        var byName = await _client.GetAsync(session.Tenant("datastores/postgresql/versions/15/parameters"), session.Token);
        var byDatastoreId = await _client.GetAsync(session.Tenant($"datastores/postgresql/versions/{versionId}/parameters"), session.Token);
        var bare = await _client.GetAsync(session.Tenant($"datastores/versions/{versionId}/parameters"), session.Token);
        bare.AssertStatus(200);
        Assert.Equal(byName.Text, bare.Text);
        Assert.Equal(byName.Text, byDatastoreId.Text);
    }

    [Fact]
    public async Task Both_route_forms_show_the_same_parameter()
    {
        var session = await app.NewProjectUserAsync();
        var versionId = await VersionIdAsync(session, "mysql", "8.0");
        var byName = await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0/parameters/max_connections"), session.Token);
        byName.AssertStatus(200);
        Assert.Equal("max_connections", byName.Body.Str("name"));
        Assert.Equal(versionId, byName.Body.Str("datastore_version_id"));
        byName.Body.AssertKinds(("type", JsonValueKind.String), ("restart_required", JsonValueKind.True), ("min", JsonValueKind.Number));

        var bare = await _client.GetAsync(session.Tenant($"datastores/versions/{versionId}/parameters/max_connections"), session.Token);
        bare.AssertStatus(200);
        Assert.Equal(byName.Text, bare.Text);
    }

    [Fact]
    public async Task Integer_bounds_beyond_32_bits_stay_whole_numbers()
    {
        var session = await app.NewProjectUserAsync();
        var response = await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0/parameters/binlog_expire_logs_seconds"), session.Token);
        response.AssertStatus(200);
        Assert.Equal(4294967295L, response.Body.GetProperty("max").GetInt64());
    }

    [Fact]
    public async Task String_parameters_carry_their_allowed_values_and_float_bounds_stay_fractional()
    {
        var session = await app.NewProjectUserAsync();
        var format = await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0/parameters/binlog_format"), session.Token);
        format.AssertStatus(200);
        Assert.Equal("string", format.Body.Str("type"));
        Assert.Equal(["ROW", "STATEMENT", "MIXED"], format.Body.GetProperty("allowed_values").EnumerateArray().Select(v => v.GetString()));
        Assert.False(format.Body.TryGetProperty("min", out _));

        var cache = await _client.GetAsync(session.Tenant("datastores/mongodb/versions/7.0/parameters/storage.wiredTiger.engineConfig.cacheSizeGB"), session.Token);
        cache.AssertStatus(200);
        Assert.Equal("float", cache.Body.Str("type"));
        Assert.Equal(0.25, cache.Body.GetProperty("min").GetDouble());
    }

    [Fact]
    public async Task Unknown_parameter_or_version_is_404_itemNotFound()
    {
        var session = await app.NewProjectUserAsync();
        var versionId = await VersionIdAsync(session, "mysql", "8.0");
        (await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0/parameters/no_such_thing"), session.Token))
            .AssertFault(404, "itemNotFound", "no_such_thing");
        (await _client.GetAsync(session.Tenant($"datastores/versions/{versionId}/parameters/no_such_thing"), session.Token))
            .AssertFault(404, "itemNotFound", "no_such_thing");
        (await _client.GetAsync(session.Tenant("datastores/mysql/versions/9.9/parameters"), session.Token)).AssertFault(404, "itemNotFound");
        (await _client.GetAsync(session.Tenant("datastores/versions/8.0/parameters"), session.Token)).AssertFault(404, "itemNotFound");
        (await _client.GetAsync(session.Tenant($"datastores/versions/{Guid.NewGuid()}/parameters/max_connections"), session.Token))
            .AssertFault(404, "itemNotFound");
    }
}
