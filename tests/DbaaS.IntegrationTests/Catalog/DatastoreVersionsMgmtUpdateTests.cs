using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

/// <summary><c>PATCH /mgmt/datastore-versions/{id}</c>: Trove sends the fields to change at the top level.</summary>
[Collection(ApiCollection.Name)]
public sealed class DatastoreVersionsMgmtUpdateTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Patch_is_202_and_changes_every_named_field()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var id = await _client.CreateVersionAsync(admin, datastore, "1.0");

        var patched = await _client.SendAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{id}"), admin.Token, new
        {
            name = "1.1", image = "img-2", image_tags = new[] { "a", "b" }, active = true, packages = new[] { "pkg" },
            version = "1.1.7", datastore_manager = "mariadb",
        });
        patched.AssertStatus(202);

        var version = (await _client.GetAsync(admin.Mgmt($"datastore-versions/{id}"), admin.Token)).Body.GetProperty("version");
        Assert.Equal("1.1", version.Str("name"));
        Assert.Equal("img-2", version.Str("image"));
        Assert.Equal(["a", "b"], version.GetProperty("image_tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["pkg"], version.GetProperty("packages").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("1.1.7", version.Str("version"));
        Assert.Equal("mariadb", version.Str("datastore_manager"));

        // The tenant view is served from the catalog cache, which the change must have dropped.
        var member = await app.NewProjectUserAsync();
        var tenantView = await _client.GetAsync(member.Tenant($"datastores/{datastore}/versions/1.1"), member.Token);
        tenantView.AssertStatus(200);
        Assert.Equal("pkg", tenantView.Body.GetProperty("version").Str("packages"));
    }

    [Fact]
    public async Task Patch_sample_from_Trove_renames_and_sets_the_image()
    {
        var admin = await app.AdminAsync();
        var id = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        (await _client.SendRawAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{id}"), admin.Token,
            """{"name": "new name", "image": "42706631-3b76-4d1c-95c9-6a85e72eebda", "active": true}""", "application/json")).AssertStatus(202);
        var version = (await _client.GetAsync(admin.Mgmt($"datastore-versions/{id}"), admin.Token)).Body.GetProperty("version");
        Assert.Equal("new name", version.Str("name"));
        Assert.Equal("42706631-3b76-4d1c-95c9-6a85e72eebda", version.Str("image"));
    }

    [Fact]
    public async Task Image_null_clears_the_image()
    {
        var admin = await app.AdminAsync();
        var id = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        (await _client.SendAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{id}"), admin.Token, new { image = "img" })).AssertStatus(202);
        (await _client.SendRawAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{id}"), admin.Token, """{"image":null}""", "application/json"))
            .AssertStatus(202);
        var version = (await _client.GetAsync(admin.Mgmt($"datastore-versions/{id}"), admin.Token)).Body.GetProperty("version");
        Assert.Equal(JsonValueKind.Null, version.GetProperty("image").ValueKind);
    }

    [Fact]
    public async Task Default_true_moves_the_datastores_default_to_the_version()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var first = await _client.CreateVersionAsync(admin, datastore, "1.0");
        var second = await _client.CreateVersionAsync(admin, datastore, "2.0");

        (await _client.SendAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{second}"), admin.Token, new { @default = true })).AssertStatus(202);

        Assert.Equal(second, (await _client.GetAsync(admin.Tenant($"datastores/{datastore}"), admin.Token)).Body.GetProperty("datastore").Str("default_version"));
        Assert.True((await _client.GetAsync(admin.Mgmt($"datastore-versions/{second}"), admin.Token)).Body.GetProperty("version").GetProperty("default").GetBoolean());
        Assert.False((await _client.GetAsync(admin.Mgmt($"datastore-versions/{first}"), admin.Token)).Body.GetProperty("version").GetProperty("default").GetBoolean());
    }

    [Fact]
    public async Task Default_false_on_the_default_version_leaves_the_datastore_without_one()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var id = await _client.CreateVersionAsync(admin, datastore, "1.0");
        (await _client.SendAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{id}"), admin.Token, new { @default = false })).AssertStatus(202);
        var view = (await _client.GetAsync(admin.Tenant($"datastores/{datastore}"), admin.Token)).Body.GetProperty("datastore");
        Assert.False(view.TryGetProperty("default_version", out _));
    }

    [Fact]
    public async Task An_inactive_version_disappears_from_the_tenant_version_list()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        var kept = await _client.CreateVersionAsync(admin, datastore, "1.0");
        var retired = await _client.CreateVersionAsync(admin, datastore, "2.0");
        var member = await app.NewProjectUserAsync();
        Assert.Equal(2, (await _client.GetAsync(member.Tenant($"datastores/{datastore}/versions"), member.Token)).Items("versions").Count());

        (await _client.SendAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{retired}"), admin.Token, new { active = false })).AssertStatus(202);

        var versions = (await _client.GetAsync(member.Tenant($"datastores/{datastore}/versions"), member.Token)).Items("versions");
        Assert.Equal([kept], versions.Select(v => v.Str("id")));
        var datastoreView = (await _client.GetAsync(member.Tenant($"datastores/{datastore}"), member.Token)).Body.GetProperty("datastore");
        Assert.Equal([kept], datastoreView.GetProperty("versions").EnumerateArray().Select(v => v.Str("id")));
        Assert.False((await _client.GetAsync(admin.Mgmt($"datastore-versions/{retired}"), admin.Token)).Body.GetProperty("version").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Renaming_onto_another_version_of_the_datastore_is_409_conflictingRequest()
    {
        var admin = await app.AdminAsync();
        var datastore = CatalogSteps.Unique("ds");
        await _client.CreateVersionAsync(admin, datastore, "1.0");
        var second = await _client.CreateVersionAsync(admin, datastore, "2.0");
        (await _client.SendAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{second}"), admin.Token, new { name = "1.0" }))
            .AssertFault(409, "conflictingRequest", "1.0");
    }

    [Theory]
    [InlineData("{}", "name", "nothing to change")]
    [InlineData("""{"colour":"red"}""", "colour", "Unknown")]
    [InlineData("""{"active":"no"}""", "active", "boolean")]
    [InlineData("""{"name":""}""", "name", "empty")]
    [InlineData("""{"name":"1\u0000"}""", "name", "NUL")]
    [InlineData("""{"image_tags":"trove"}""", "image_tags", "array")]
    [InlineData("""{"version":{"name":"1.2"}}""", "version", "string")]
    [InlineData("""{"datastore_manager":"oracle"}""", "manager", "oracle")]
    public async Task A_bad_patch_body_is_400_badRequest_naming_the_field(string body, string field, string reason)
    {
        var admin = await app.AdminAsync();
        var id = await _client.CreateVersionAsync(admin, CatalogSteps.Unique("ds"), "1.0");
        (await _client.SendRawAsync(HttpMethod.Patch, admin.Mgmt($"datastore-versions/{id}"), admin.Token, body, "application/json"))
            .AssertFault(400, "badRequest", field, reason);
    }
}
