using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class VersionsApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Root_lists_v1_0_as_CURRENT_without_a_token()
    {
        var response = await _client.GetAsync("/", null);
        response.AssertStatus(200);
        var version = Assert.Single(response.Items("versions"));
        AssertVersionDocument(version);
    }

    [Fact]
    public async Task V1_0_shows_the_same_version_document_without_a_token()
    {
        var response = await _client.GetAsync("/v1.0", null);
        response.AssertStatus(200);
        AssertVersionDocument(response.Body.GetProperty("version"));
    }

    [Fact]
    public async Task An_unknown_top_level_path_is_404_itemNotFound()
    {
        (await _client.GetAsync("/v9.9", null)).AssertFault(404, "itemNotFound");
    }

    /// <summary>Trove's versions-response sample: id, status, updated, and one absolute self link.</summary>
    private void AssertVersionDocument(JsonElement version)
    {
        version.AssertKinds(("id", JsonValueKind.String), ("status", JsonValueKind.String), ("updated", JsonValueKind.String),
            ("links", JsonValueKind.Array));
        Assert.Equal("v1.0", version.Str("id"));
        Assert.Equal("CURRENT", version.Str("status"));
        Assert.Equal("2012-08-01T00:00:00Z", version.Str("updated"));
        var link = Assert.Single(version.GetProperty("links").EnumerateArray());
        Assert.Equal("self", link.Str("rel"));
        Assert.Equal($"{app.BaseUrl}/v1.0/", link.Str("href"));
    }
}
