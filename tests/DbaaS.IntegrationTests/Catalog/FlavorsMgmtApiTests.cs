using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class FlavorsMgmtApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    private static object NewFlavor(string? id, string name, int ram = 1024, int vcpus = 2, int disk = 10, int? ephemeral = null) =>
        ephemeral is null
            ? new { flavor = new { id, name, ram, vcpus, disk } }
            : new { flavor = new { id, name, ram, vcpus, disk, ephemeral } };

    [Fact]
    public async Task Admin_creates_a_flavor_with_a_string_id_and_tenants_see_it()
    {
        var admin = await app.AdminAsync();
        var id = CatalogSteps.Unique("f");
        var name = CatalogSteps.Unique("m1.test");
        var created = await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(id, name, ephemeral: 5));
        created.AssertStatus(200);
        var flavor = created.Body.GetProperty("flavor");
        // As Trove: a non-numeric id is null in id and only str_id carries it (clients fall back to str_id).
        flavor.AssertKinds(("id", JsonValueKind.Null), ("str_id", JsonValueKind.String));
        Assert.Equal(id, flavor.Str("str_id"));
        Assert.Equal(name, flavor.Str("name"));
        Assert.Equal(5, flavor.GetProperty("ephemeral").GetInt32());
        flavor.GetProperty("links").AssertSelfAndBookmark(app, admin.ProjectId, $"flavors/{id}");

        var tenant = await app.NewProjectUserAsync();
        var shown = await _client.GetAsync(tenant.Tenant($"flavors/{id}"), tenant.Token);
        shown.AssertStatus(200);
        Assert.Equal(1024, shown.Body.GetProperty("flavor").GetProperty("ram").GetInt32());
        Assert.Contains((await _client.GetAsync(tenant.Tenant("flavors"), tenant.Token)).Items("flavors"), f => f.Str("str_id") == id);
    }

    [Fact]
    public async Task A_numeric_id_is_shown_as_a_number_and_str_id_as_its_string()
    {
        var admin = await app.AdminAsync();
        var id = Random.Shared.Next(100_000, 999_999_999).ToString();
        var created = await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(id, CatalogSteps.Unique("num")));
        created.AssertStatus(200);
        var flavor = created.Body.GetProperty("flavor");
        Assert.Equal(long.Parse(id), flavor.GetProperty("id").GetInt64());
        Assert.Equal(id, flavor.Str("str_id"));
        Assert.Equal(0, flavor.GetProperty("ephemeral").GetInt32());
    }

    [Fact]
    public async Task A_flavor_created_without_an_id_gets_one()
    {
        var admin = await app.AdminAsync();
        var created = await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token,
            new { flavor = new { name = CatalogSteps.Unique("noid"), ram = 512, vcpus = 1, disk = 0 } });
        created.AssertStatus(200);
        var id = created.Body.GetProperty("flavor").Str("str_id");
        Assert.False(string.IsNullOrWhiteSpace(id));
        (await _client.GetAsync(admin.Tenant($"flavors/{id}"), admin.Token)).AssertStatus(200);
    }

    [Fact]
    public async Task Deleting_a_flavor_removes_it_from_list_and_show()
    {
        var admin = await app.AdminAsync();
        var id = CatalogSteps.Unique("gone");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(id, CatalogSteps.Unique("gone")))).AssertStatus(200);

        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"flavors/{id}"), admin.Token)).AssertStatus(202);

        Assert.DoesNotContain((await _client.GetAsync(admin.Tenant("flavors"), admin.Token)).Items("flavors"), f => f.Str("str_id") == id);
        (await _client.GetAsync(admin.Tenant($"flavors/{id}"), admin.Token)).AssertFault(404, "itemNotFound", id);
        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"flavors/{id}"), admin.Token)).AssertFault(404, "itemNotFound", id);
    }

    [Fact]
    public async Task The_name_of_a_deleted_flavor_may_be_used_again()
    {
        var admin = await app.AdminAsync();
        var name = CatalogSteps.Unique("reuse");
        var first = CatalogSteps.Unique("f");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(first, name))).AssertStatus(200);
        (await _client.SendAsync(HttpMethod.Delete, admin.Mgmt($"flavors/{first}"), admin.Token)).AssertStatus(202);
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(CatalogSteps.Unique("f"), name))).AssertStatus(200);
    }

    [Fact]
    public async Task Duplicate_id_or_name_is_409_conflictingRequest()
    {
        var admin = await app.AdminAsync();
        var id = CatalogSteps.Unique("dup");
        var name = CatalogSteps.Unique("dup");
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(id, name))).AssertStatus(200);

        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(id, CatalogSteps.Unique("other"))))
            .AssertFault(409, "conflictingRequest", id);
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor(CatalogSteps.Unique("other"), name)))
            .AssertFault(409, "conflictingRequest", name);
        // A seeded id is taken too.
        (await _client.SendAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, NewFlavor("1", CatalogSteps.Unique("other"))))
            .AssertFault(409, "conflictingRequest");
    }

    [Theory]
    [InlineData("""{"flavor":{"ram":512,"vcpus":1,"disk":1}}""", "flavor.name")]
    [InlineData("""{"flavor":{"name":"x","vcpus":1,"disk":1}}""", "flavor.ram")]
    [InlineData("""{"flavor":{"name":"x","ram":"512","vcpus":1,"disk":1}}""", "flavor.ram")]
    [InlineData("""{"flavor":{"name":"x","ram":512.5,"vcpus":1,"disk":1}}""", "flavor.ram")]
    [InlineData("""{"flavor":{"name":"x","ram":0,"vcpus":1,"disk":1}}""", "flavor.ram")]
    [InlineData("""{"flavor":{"name":"x","ram":512,"vcpus":0,"disk":1}}""", "flavor.vcpus")]
    [InlineData("""{"flavor":{"name":"x","ram":512,"vcpus":1,"disk":-1}}""", "flavor.disk")]
    [InlineData("""{"flavor":{"name":"x","ram":512,"vcpus":1,"disk":1,"ephemeral":-1}}""", "flavor.ephemeral")]
    [InlineData("""{"flavor":{"name":"   ","ram":512,"vcpus":1,"disk":1}}""", "flavor.name")]
    [InlineData("""{"flavor":{"name":"m1\u0000x","ram":512,"vcpus":1,"disk":1}}""", "flavor.name")]
    [InlineData("""{"flavor":{"name":"x","ram":512,"vcpus":1,"disk":1,"colour":"red"}}""", "flavor.colour")]
    [InlineData("""{"flavor":{"id":"a/b","name":"x","ram":512,"vcpus":1,"disk":1}}""", "flavor.id")]
    [InlineData("""{"flavor":{"id":"","name":"x","ram":512,"vcpus":1,"disk":1}}""", "flavor.id")]
    [InlineData("""{"flavor":{"name":"x","ram":512,"vcpus":1,"disk":1},"extra":1}""", "extra")]
    [InlineData("""{"flavor":"m1.big"}""", "flavor")]
    [InlineData("""{}""", "flavor")]
    public async Task A_bad_body_is_400_badRequest_naming_the_field(string body, string field)
    {
        var admin = await app.AdminAsync();
        var response = await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, body, "application/json");
        response.AssertFault(400, "badRequest", $"'{field}'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("99999999999")]
    public async Task An_out_of_range_size_is_400_stating_the_bounds(string ram)
    {
        var admin = await app.AdminAsync();
        var body = $$$"""{"flavor":{"name":"x","ram":{{{ram}}},"vcpus":1,"disk":1}}""";
        (await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, body, "application/json"))
            .AssertFault(400, "badRequest", "'flavor.ram'", ram, "between 64 and");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_400()
    {
        var admin = await app.AdminAsync();
        (await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, "{flavor:", "application/json"))
            .AssertFault(400, "badRequest", "JSON");
        (await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, "", "application/json"))
            .AssertFault(400, "badRequest", "empty");
        (await _client.SendRawAsync(HttpMethod.Post, admin.Mgmt("flavors"), admin.Token, "name=x", "application/x-www-form-urlencoded"))
            .AssertFault(400, "badRequest", "Content-Type");
    }

    [Fact]
    public async Task Non_admins_may_not_create_or_delete_flavors()
    {
        var member = await app.NewProjectUserAsync();
        (await _client.SendAsync(HttpMethod.Post, member.Mgmt("flavors"), member.Token, NewFlavor(null, CatalogSteps.Unique("x"))))
            .AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Delete, member.Mgmt("flavors/1"), member.Token)).AssertFault(403, "forbidden");
        (await _client.GetAsync(member.Tenant("flavors/1"), member.Token)).AssertStatus(200);
    }
}
