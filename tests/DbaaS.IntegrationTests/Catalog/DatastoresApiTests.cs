using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class DatastoresApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task List_shows_the_seeded_datastores_with_their_active_versions_and_links()
    {
        var session = await app.NewProjectUserAsync();
        var response = await _client.GetAsync(session.Tenant("datastores"), session.Token);
        response.AssertStatus(200);
        var byName = response.Items("datastores").ToDictionary(d => d.Str("name"));
        var seeded = new Dictionary<string, string>
        {
            ["mariadb"] = "10.11", ["mysql"] = "8.0", ["postgresql"] = "15", ["redis"] = "7.0", ["cassandra"] = "4.1", ["mongodb"] = "7.0",
        };
        foreach (var (name, versionName) in seeded)
        {
            var datastore = byName[name];
            datastore.AssertKinds(("id", JsonValueKind.String), ("name", JsonValueKind.String), ("links", JsonValueKind.Array),
                ("versions", JsonValueKind.Array), ("default_version", JsonValueKind.String));
            Assert.True(Guid.TryParse(datastore.Str("id"), out _));
            datastore.GetProperty("links").AssertSelfAndBookmark(app, session.ProjectId, $"datastores/{datastore.Str("id")}");
            var version = Assert.Single(datastore.GetProperty("versions").EnumerateArray());
            Assert.Equal(versionName, version.Str("name"));
            Assert.Equal(version.Str("id"), datastore.Str("default_version"));
            version.GetProperty("links").AssertSelfAndBookmark(app, session.ProjectId, $"datastores/versions/{version.Str("id")}");
        }
    }

    [Fact]
    public async Task Show_by_name_and_by_id_return_the_same_datastore()
    {
        var session = await app.NewProjectUserAsync();
        var byName = await _client.GetAsync(session.Tenant("datastores/postgresql"), session.Token);
        byName.AssertStatus(200);
        var datastore = byName.Body.GetProperty("datastore");
        Assert.Equal("postgresql", datastore.Str("name"));
        Assert.Equal("15", Assert.Single(datastore.GetProperty("versions").EnumerateArray()).Str("name"));

        var byId = await _client.GetAsync(session.Tenant($"datastores/{datastore.Str("id")}"), session.Token);
        byId.AssertStatus(200);
        Assert.Equal(datastore.GetRawText(), byId.Body.GetProperty("datastore").GetRawText());
        // Names are matched without regard to case, as in Trove on MySQL.
        var upper = await _client.GetAsync(session.Tenant("datastores/PostgreSQL"), session.Token);
        Assert.Equal(datastore.GetRawText(), upper.Body.GetProperty("datastore").GetRawText());
    }

    [Fact]
    public async Task Unknown_datastore_is_404_itemNotFound()
    {
        var session = await app.NewProjectUserAsync();
        (await _client.GetAsync(session.Tenant("datastores/nosuchdb"), session.Token)).AssertFault(404, "itemNotFound", "nosuchdb");
        var id = Guid.NewGuid().ToString();
        (await _client.GetAsync(session.Tenant($"datastores/{id}"), session.Token)).AssertFault(404, "itemNotFound", id);
    }

    [Fact]
    public async Task Deleting_a_datastore_that_still_has_versions_is_400_then_once_they_are_gone_it_is_deleted()
    {
        var admin = await app.AdminAsync();
        var name = CatalogSteps.Unique("ds");
        var versionId = await _client.CreateVersionAsync(admin, name, "1.0");
        var datastoreId = (await _client.GetAsync(admin.Tenant($"datastores/{name}"), admin.Token)).Body.GetProperty("datastore").Str("id");

        (await _client.SendAsync(HttpMethod.Delete, admin.Tenant($"datastores/{datastoreId}"), admin.Token))
            .AssertFault(400, "badRequest", name, "versions");

        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"datastore-versions/{versionId}"), admin.Token)).AssertStatus(202);
        (await _client.SendAsync(HttpMethod.Delete, admin.Tenant($"datastores/{datastoreId}"), admin.Token)).AssertStatus(202);

        (await _client.GetAsync(admin.Tenant($"datastores/{datastoreId}"), admin.Token)).AssertFault(404, "itemNotFound");
        (await _client.GetAsync(admin.Tenant($"datastores/{name}"), admin.Token)).AssertFault(404, "itemNotFound");
        (await _client.SendAsync(HttpMethod.Delete, admin.Tenant($"datastores/{datastoreId}"), admin.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task A_datastore_may_be_deleted_by_name()
    {
        var admin = await app.AdminAsync();
        var name = CatalogSteps.Unique("ds");
        var versionId = await _client.CreateVersionAsync(admin, name, "1.0");
        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"datastore-versions/{versionId}"), admin.Token)).AssertStatus(202);
        (await _client.SendAsync(HttpMethod.Delete, admin.Tenant($"datastores/{name}"), admin.Token)).AssertStatus(202);
        (await _client.GetAsync(admin.Tenant($"datastores/{name}"), admin.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task A_datastore_without_active_versions_is_not_listed_but_can_be_shown()
    {
        var admin = await app.AdminAsync();
        var name = CatalogSteps.Unique("ds");
        await _client.CreateVersionAsync(admin, name, "1.0", active: false);
        var member = await app.NewProjectUserAsync();

        Assert.DoesNotContain((await _client.GetAsync(member.Tenant("datastores"), member.Token)).Items("datastores"), d => d.Str("name") == name);
        var shown = await _client.GetAsync(member.Tenant($"datastores/{name}"), member.Token);
        shown.AssertStatus(200);
        Assert.Empty(shown.Body.GetProperty("datastore").GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task Non_admins_may_not_delete_a_datastore()
    {
        var admin = await app.AdminAsync();
        var name = CatalogSteps.Unique("ds");
        await _client.CreateVersionAsync(admin, name, "1.0");
        var member = await app.NewProjectUserAsync();
        (await _client.SendAsync(HttpMethod.Delete, member.Tenant($"datastores/{name}"), member.Token)).AssertFault(403, "forbidden");
        (await _client.GetAsync(member.Tenant($"datastores/{name}"), member.Token)).AssertStatus(200);
    }
}
