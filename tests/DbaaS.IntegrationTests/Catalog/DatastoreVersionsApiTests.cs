using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class DatastoreVersionsApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Versions_of_a_datastore_are_listed_with_Troves_fields()
    {
        var session = await app.NewProjectUserAsync();
        var datastoreId = (await _client.GetAsync(session.Tenant("datastores/mysql"), session.Token)).Body.GetProperty("datastore").Str("id");

        var response = await _client.GetAsync(session.Tenant("datastores/mysql/versions"), session.Token);
        response.AssertStatus(200);
        var version = Assert.Single(response.Items("versions"));
        version.AssertKinds(("id", JsonValueKind.String), ("name", JsonValueKind.String), ("datastore", JsonValueKind.String),
            ("version", JsonValueKind.String), ("links", JsonValueKind.Array));
        Assert.Equal("8.0", version.Str("name"));
        Assert.Equal("8.0.40", version.Str("version"));
        Assert.Equal(datastoreId, version.Str("datastore"));
        version.GetProperty("links").AssertSelfAndBookmark(app, session.ProjectId, $"datastores/versions/{version.Str("id")}");

        var byId = await _client.GetAsync(session.Tenant($"datastores/{datastoreId}/versions"), session.Token);
        Assert.Equal(response.Body.GetRawText(), byId.Body.GetRawText());
    }

    [Fact]
    public async Task Show_by_name_by_id_and_by_bare_uuid_return_the_same_version()
    {
        var session = await app.NewProjectUserAsync();
        var byName = await _client.GetAsync(session.Tenant("datastores/mariadb/versions/10.11"), session.Token);
        byName.AssertStatus(200);
        var version = byName.Body.GetProperty("version");
        version.AssertKinds(("id", JsonValueKind.String), ("name", JsonValueKind.String), ("version", JsonValueKind.String),
            ("datastore", JsonValueKind.String), ("active", JsonValueKind.True), ("packages", JsonValueKind.String),
            ("image_tags", JsonValueKind.Array), ("links", JsonValueKind.Array));
        Assert.True(version.TryGetProperty("image", out _));
        Assert.Equal("10.11", version.Str("name"));
        Assert.Equal("10.11.19", version.Str("version"));
        Assert.True(version.GetProperty("active").GetBoolean());
        version.GetProperty("links").AssertSelfAndBookmark(app, session.ProjectId, $"datastores/versions/{version.Str("id")}");

        var id = version.Str("id");
        var byId = await _client.GetAsync(session.Tenant($"datastores/mariadb/versions/{id}"), session.Token);
        var bare = await _client.GetAsync(session.Tenant($"datastores/versions/{id}"), session.Token);
        Assert.Equal(version.GetRawText(), byId.Body.GetProperty("version").GetRawText());
        Assert.Equal(version.GetRawText(), bare.Body.GetProperty("version").GetRawText());
    }

    [Fact]
    public async Task Unknown_versions_are_404_itemNotFound()
    {
        var session = await app.NewProjectUserAsync();
        (await _client.GetAsync(session.Tenant("datastores/mysql/versions/9.9"), session.Token)).AssertFault(404, "itemNotFound", "9.9");
        (await _client.GetAsync(session.Tenant("datastores/nosuchdb/versions"), session.Token)).AssertFault(404, "itemNotFound", "nosuchdb");
        (await _client.GetAsync(session.Tenant("datastores/nosuchdb/versions/8.0"), session.Token)).AssertFault(404, "itemNotFound", "nosuchdb");
        // The bare form takes only an id: a name there is not found, not a server error.
        (await _client.GetAsync(session.Tenant("datastores/versions/8.0"), session.Token)).AssertFault(404, "itemNotFound", "8.0");
        (await _client.GetAsync(session.Tenant($"datastores/versions/{Guid.NewGuid()}"), session.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task A_version_is_not_found_under_another_datastore()
    {
        var session = await app.NewProjectUserAsync();
        var mysqlVersion = (await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0"), session.Token)).Body.GetProperty("version").Str("id");
        (await _client.GetAsync(session.Tenant($"datastores/postgresql/versions/{mysqlVersion}"), session.Token)).AssertFault(404, "itemNotFound");
        (await _client.GetAsync(session.Tenant("datastores/postgresql/versions/8.0"), session.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task A_version_with_no_flavor_associations_accepts_every_flavor_in_both_route_forms()
    {
        var session = await app.NewProjectUserAsync();
        var all = (await _client.GetAsync(session.Tenant("flavors"), session.Token)).Body.GetProperty("flavors").GetRawText();

        var byName = await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0/flavors"), session.Token);
        byName.AssertStatus(200);
        Assert.Equal(all, byName.Body.GetProperty("flavors").GetRawText());
        Assert.Equal(["1", "2", "3", "4", "5"], byName.Items("flavors").Take(5).Select(f => f.Str("str_id")));
        var first = byName.Items("flavors").First();
        first.AssertKinds(("id", JsonValueKind.Number), ("str_id", JsonValueKind.String), ("ram", JsonValueKind.Number));
        first.GetProperty("links").AssertSelfAndBookmark(app, session.ProjectId, "flavors/1");

        var versionId = (await _client.GetAsync(session.Tenant("datastores/mysql/versions/8.0"), session.Token)).Body.GetProperty("version").Str("id");
        var byId = await _client.GetAsync(session.Tenant($"datastores/versions/{versionId}/flavors"), session.Token);
        byId.AssertStatus(200);
        Assert.Equal(all, byId.Body.GetProperty("flavors").GetRawText());
    }

    [Fact]
    public async Task Flavors_of_an_unknown_version_are_404_itemNotFound()
    {
        var session = await app.NewProjectUserAsync();
        (await _client.GetAsync(session.Tenant("datastores/mysql/versions/9.9/flavors"), session.Token)).AssertFault(404, "itemNotFound");
        (await _client.GetAsync(session.Tenant("datastores/versions/not-a-uuid/flavors"), session.Token)).AssertFault(404, "itemNotFound");
        (await _client.GetAsync(session.Tenant($"datastores/versions/{Guid.NewGuid()}/flavors"), session.Token)).AssertFault(404, "itemNotFound");
    }
}
