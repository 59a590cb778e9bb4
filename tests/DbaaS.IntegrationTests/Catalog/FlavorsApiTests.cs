using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class FlavorsApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Seeded_flavors_are_listed_in_numeric_id_order_with_Troves_fields()
    {
        var session = await app.NewProjectUserAsync();
        var response = await _client.GetAsync(session.Tenant("flavors"), session.Token);
        response.AssertStatus(200);
        var flavors = response.Items("flavors").ToList();
        // Other tests add flavors of their own; the seeded five come first because numeric ids sort first.
        Assert.Equal(["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge"], flavors.Take(5).Select(f => f.Str("name")));
        foreach (var flavor in flavors.Take(5))
        {
            flavor.AssertKinds(("id", JsonValueKind.Number), ("str_id", JsonValueKind.String), ("name", JsonValueKind.String),
                ("ram", JsonValueKind.Number), ("vcpus", JsonValueKind.Number), ("disk", JsonValueKind.Number),
                ("ephemeral", JsonValueKind.Number), ("links", JsonValueKind.Array));
            Assert.Equal(flavor.Str("str_id"), flavor.GetProperty("id").GetInt64().ToString());
            flavor.GetProperty("links").AssertSelfAndBookmark(app, session.ProjectId, $"flavors/{flavor.Str("str_id")}");
        }
    }

    [Fact]
    public async Task Show_returns_the_flavor_with_its_sizes()
    {
        var session = await app.NewProjectUserAsync();
        var response = await _client.GetAsync(session.Tenant("flavors/2"), session.Token);
        response.AssertStatus(200);
        var flavor = response.Body.GetProperty("flavor");
        Assert.Equal(2, flavor.GetProperty("id").GetInt32());
        Assert.Equal("2", flavor.Str("str_id"));
        Assert.Equal("m1.small", flavor.Str("name"));
        Assert.Equal(2048, flavor.GetProperty("ram").GetInt32());
        Assert.Equal(1, flavor.GetProperty("vcpus").GetInt32());
        Assert.Equal(20, flavor.GetProperty("disk").GetInt32());
        Assert.Equal(0, flavor.GetProperty("ephemeral").GetInt32());
        flavor.GetProperty("links").AssertSelfAndBookmark(app, session.ProjectId, "flavors/2");
    }

    [Fact]
    public async Task Unknown_flavor_is_404_itemNotFound_naming_it()
    {
        var session = await app.NewProjectUserAsync();
        (await _client.GetAsync(session.Tenant("flavors/999999"), session.Token)).AssertFault(404, "itemNotFound", "999999");
        (await _client.GetAsync(session.Tenant("flavors/no-such-flavor"), session.Token)).AssertFault(404, "itemNotFound", "no-such-flavor");
    }

    [Fact]
    public async Task A_reader_may_list_flavors()
    {
        var reader = await app.NewProjectUserAsync("reader");
        (await _client.GetAsync(reader.Tenant("flavors"), reader.Token)).AssertStatus(200);
        (await _client.GetAsync(reader.Tenant("flavors/1"), reader.Token)).AssertStatus(200);
    }

    [Fact]
    public async Task Flavors_are_created_only_through_mgmt_so_a_tenant_post_is_405_badMethod()
    {
        var session = await app.NewProjectUserAsync();
        (await _client.SendAsync(HttpMethod.Post, session.Tenant("flavors"), session.Token,
            new { flavor = new { name = "x", ram = 512, vcpus = 1, disk = 1 } })).AssertFault(405, "badMethod");
    }
}
