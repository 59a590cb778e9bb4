using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class DatastoreVersionsMgmtApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Create_is_202_and_the_version_is_shown_in_Troves_mgmt_shape()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        // Trove's datastore-version-create-request, with our own datastore name.
        var created = await _client.SendAsync(HttpMethod.Post, admin.Mgmt("datastore-versions"), admin.Token, new
        {
            version = new
            {
                datastore_name = datastore, datastore_manager = "mysql", name = "test", image = "img-1", image_tags = new[] { "trove" },
                active = true, @default = false, packages = new[] { "mysql-server" }, version = "5.7.30",
            },
        });
        created.AssertStatus(202);

        var id = await _client.FindVersionIdAsync(admin, datastore, "test");
        var shown = await _client.GetAsync(admin.Mgmt($"datastore-versions/{id}"), admin.Token);
        shown.AssertStatus(200);
        var version = shown.Body.GetProperty("version");
        version.AssertKinds(("id", JsonValueKind.String), ("name", JsonValueKind.String), ("version", JsonValueKind.String),
            ("datastore_id", JsonValueKind.String), ("datastore_name", JsonValueKind.String), ("datastore_manager", JsonValueKind.String),
            ("image", JsonValueKind.String), ("image_tags", JsonValueKind.Array), ("packages", JsonValueKind.Array),
            ("active", JsonValueKind.True), ("default", JsonValueKind.True));
        Assert.Equal(id, version.Str("id"));
        Assert.Equal("5.7.30", version.Str("version"));
        Assert.Equal(datastore, version.Str("datastore_name"));
        Assert.Equal("mysql", version.Str("datastore_manager"));
        Assert.Equal("img-1", version.Str("image"));
        Assert.Equal(["trove"], version.GetProperty("image_tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["mysql-server"], version.GetProperty("packages").EnumerateArray().Select(t => t.GetString()));
        Assert.True(version.GetProperty("active").GetBoolean());
        // The first version of a datastore becomes its default even when not asked to, so the datastore is usable.
        Assert.True(version.GetProperty("default").GetBoolean());
    }

    [Fact]
    public async Task Creating_a_version_of_a_new_datastore_name_creates_the_datastore()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var versionId = await _client.CreateVersionAsync(admin, datastore, "2.0", manager: "postgresql");

        var member = await app.NewProjectUserAsync();
        var shown = await _client.GetAsync(member.Tenant($"datastores/{datastore}"), member.Token);
        shown.AssertStatus(200);
        Assert.Equal(versionId, shown.Body.GetProperty("datastore").Str("default_version"));
        Assert.Contains((await _client.GetAsync(member.Tenant("datastores"), member.Token)).Items("datastores"), d => d.Str("name") == datastore);
        var version = await _client.GetAsync(member.Tenant($"datastores/{datastore}/versions/2.0"), member.Token);
        Assert.Equal("2.0", version.Body.GetProperty("version").Str("version"));
    }

    [Fact]
    public async Task Creating_a_version_with_default_true_makes_it_the_datastores_default()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        await _client.CreateVersionAsync(admin, datastore, "1.0");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("datastore-versions"), admin.Token, new
        {
            version = new { datastore_name = datastore, datastore_manager = "mysql", name = "2.0", active = true, @default = true },
        })).AssertStatus(202);
        var second = await _client.FindVersionIdAsync(admin, datastore, "2.0");
        Assert.Equal(second, (await _client.GetAsync(admin.Tenant($"datastores/{datastore}"), admin.Token)).Body.GetProperty("datastore").Str("default_version"));
    }

    [Fact]
    public async Task The_mgmt_list_includes_seeded_and_inactive_versions()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        await _client.CreateVersionAsync(admin, datastore, "old", active: false);
        var list = await _client.GetAsync(admin.Mgmt("datastore-versions"), admin.Token);
        list.AssertStatus(200);
        var versions = list.Items("versions").ToList();
        Assert.Contains(versions, v => v.Str("datastore_name") == "mysql" && v.Str("name") == "8.0" && v.GetProperty("default").GetBoolean());
        Assert.Contains(versions, v => v.Str("datastore_name") == datastore && !v.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_second_version_of_the_same_name_is_409_conflictingRequest()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        await _client.CreateVersionAsync(admin, datastore, "1.0");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("datastore-versions"), admin.Token,
                new { version = new { datastore_name = datastore, datastore_manager = "mysql", name = "1.0", active = true } }))
            .AssertFault(409, "conflictingRequest", "1.0");
    }

    [Fact]
    public async Task A_datastore_name_differing_only_in_case_names_the_same_datastore()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        await _client.CreateVersionAsync(admin, datastore, "1.0");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("datastore-versions"), admin.Token,
            new { version = new { datastore_name = datastore.ToUpperInvariant(), datastore_manager = "mysql", name = "2.0", active = true } }))
            .AssertStatus(202);

        // Datastores are looked up by name without regard to case, so a second "DS-..." datastore would be unreachable.
        var shown = await _client.GetAsync(admin.Tenant($"datastores/{datastore}"), admin.Token);
        Assert.Equal(["1.0", "2.0"], shown.Body.GetProperty("datastore").GetProperty("versions").EnumerateArray().Select(v => v.Str("name")));
    }

    [Theory]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"1"}}""", "version.active")]
    [InlineData("""{"version":{"datastore_manager":"mysql","name":"1","active":true}}""", "version.datastore_name")]
    [InlineData("""{"version":{"datastore_name":"x","name":"1","active":true}}""", "version.datastore_manager")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","active":true}}""", "version.name")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"","active":true}}""", "version.name")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"1","active":"yes"}}""", "version.active")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"1","active":true,"image_tags":"trove"}}""", "version.image_tags")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"1","active":true,"packages":[1]}}""", "version.packages")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"1","active":true,"default":2}}""", "version.default")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"1","active":true,"flavor":"1"}}""", "version.flavor")]
    [InlineData("""{"version":{"datastore_name":"x\u0000y","datastore_manager":"mysql","name":"1","active":true}}""", "version.datastore_name")]
    [InlineData("""{"version":{"datastore_name":"x","datastore_manager":"mysql","name":"1","active":true,"image_tags":["a\u0000"]}}""", "version.image_tags")]
    [InlineData("""{"version":[]}""", "version")]
    public async Task A_bad_create_body_is_400_badRequest_naming_the_field(string body, string field)
    {
        var admin = await app.AdminAsync();
        (await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt("datastore-versions"), admin.Token, body, "application/json"))
            .AssertFault(400, "badRequest", $"'{field}'");
    }

    [Fact]
    public async Task An_unknown_manager_is_400_and_creates_nothing()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("datastore-versions"), admin.Token,
                new { version = new { datastore_name = datastore, datastore_manager = "oracle", name = "1.0", active = true } }))
            .AssertFault(400, "badRequest", "manager", "oracle");
        (await _client.GetAsync(admin.Tenant($"datastores/{datastore}"), admin.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task Unknown_version_ids_are_404_itemNotFound()
    {
        var admin = await app.AdminAsync();
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            (await _client.GetAsync(admin.Mgmt($"datastore-versions/{id}"), admin.Token)).AssertFault(404, "itemNotFound", id);
            (await _client.SendAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{id}"), admin.Token, new { active = false }))
                .AssertFault(404, "itemNotFound");
            (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"datastore-versions/{id}"), admin.Token)).AssertFault(404, "itemNotFound");
        }
    }

    [Fact]
    public async Task Delete_is_202_and_the_version_is_then_gone()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var id = await _client.CreateVersionAsync(admin, datastore, "1.0");

        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"datastore-versions/{id}"), admin.Token)).AssertStatus(202);

        (await _client.GetAsync(admin.Mgmt($"datastore-versions/{id}"), admin.Token)).AssertFault(404, "itemNotFound");
        (await _client.GetAsync(admin.Tenant($"datastores/versions/{id}"), admin.Token)).AssertFault(404, "itemNotFound");
        var datastoreView = (await _client.GetAsync(admin.Tenant($"datastores/{datastore}"), admin.Token)).Body.GetProperty("datastore");
        Assert.False(datastoreView.TryGetProperty("default_version", out _));
        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"datastore-versions/{id}"), admin.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task A_version_with_parameters_can_be_deleted()
    {
        var admin = await app.AdminAsync();
        var id = await _client.CreateVersionWithParameterAsync(admin, "connect_timeout");
        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"datastore-versions/{id}"), admin.Token)).AssertStatus(202);
        (await _client.GetAsync(admin.Mgmt($"datastores/versions/{id}/parameters"), admin.Token)).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task Non_admins_may_not_use_the_mgmt_version_routes()
    {
        var admin = await app.AdminAsync();
        var id = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        var member = await app.NewProjectUserAsync();
        (await _client.GetAsync(member.Mgmt("datastore-versions"), member.Token)).AssertFault(403, "forbidden");
        (await _client.GetAsync(member.Mgmt($"datastore-versions/{id}"), member.Token)).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Post, member.Mgmt("datastore-versions"), member.Token,
            new { version = new { datastore_name = "x", datastore_manager = "mysql", name = "1", active = true } })).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Patch, member.Mgmt($"datastore-versions/{id}"), member.Token, new { active = false }))
            .AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Delete, member.Mgmt($"datastore-versions/{id}"), member.Token)).AssertFault(403, "forbidden");
    }
}
