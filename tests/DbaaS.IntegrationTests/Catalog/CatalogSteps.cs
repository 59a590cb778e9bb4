using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

/// <summary>
/// Steps the catalog tests share. Tests make their own datastores, versions and flavors with unique names, so the
/// seeded catalog stays as other tests expect it and no test depends on another's leftovers.
/// </summary>
internal static class CatalogSteps
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static string Mgmt(this Session admin, string relative) => $"/v1.0/{admin.ProjectId}/mgmt/{relative}";

    public static string Tenant(this Session session, string relative) => $"/v1.0/{session.ProjectId}/{relative}";

    /// <summary>
    /// Creates a datastore version (and its datastore, when the name is new) and returns its id. The create answers
    /// 202 with no body, as Trove's does, so the id is read back from the management list.
    /// </summary>
    public static async Task<string> CreateVersionAsync(this ApiClient client, Session admin, string datastoreName, string name,
        bool active = true, string manager = "mysql")
    {
        var created = await client.SendAsync(HttpMethod.Post, admin.Mgmt("datastore-versions"), admin.Token, new
        {
            version = new { datastore_name = datastoreName, datastore_manager = manager, name, active, image_tags = new[] { "trove" } },
        });
        created.AssertStatus(202);
        return await client.FindVersionIdAsync(admin, datastoreName, name);
    }

    public static async Task<string> FindVersionIdAsync(this ApiClient client, Session admin, string datastoreName, string name)
    {
        var list = await client.GetAsync(admin.Mgmt("datastore-versions"), admin.Token);
        list.AssertStatus(200);
        return list.Body.GetProperty("versions").EnumerateArray()
            .Single(v => v.Str("datastore_name") == datastoreName && v.Str("name") == name)
            .Str("id");
    }

    /// <summary>A throwaway version with one integer parameter, for tests that change parameters.</summary>
    public static async Task<string> CreateVersionWithParameterAsync(this ApiClient client, Session admin, string parameter)
    {
        var versionId = await client.CreateVersionAsync(admin, Unique("ds"), "1.0");
        (await client.SendAsync(HttpMethod.Post, admin.Mgmt($"datastores/versions/{versionId}/parameters"), admin.Token,
            Parameter(parameter, "integer", min: 64, max: 65535, restartRequired: 0))).AssertStatus(200);
        return versionId;
    }

    /// <summary>Trove's <c>configuration-parameter</c> request body.</summary>
    public static Dictionary<string, object> Parameter(string name, string dataType, object? min = null, object? max = null,
        object? restartRequired = null, IDictionary<string, object>? extra = null)
    {
        var fields = new Dictionary<string, object> { ["name"] = name, ["data_type"] = dataType };
        if (min is not null) fields["min_size"] = min;
        if (max is not null) fields["max_size"] = max;
        if (restartRequired is not null) fields["restart_required"] = restartRequired;
        foreach (var (key, value) in extra ?? new Dictionary<string, object>()) fields[key] = value;
        return new Dictionary<string, object> { ["configuration-parameter"] = fields };
    }

    /// <summary>Trove's links: self under the tenant's path, bookmark without it, both absolute URLs of this server.</summary>
    public static void AssertSelfAndBookmark(this JsonElement links, DbaaSApp app, string tenantId, string relative)
    {
        var byRel = links.EnumerateArray().ToDictionary(l => l.Str("rel"), l => l.Str("href"));
        Assert.Equal(["bookmark", "self"], byRel.Keys.Order());
        Assert.Equal($"{app.BaseUrl}/v1.0/{tenantId}/{relative}", byRel["self"]);
        Assert.Equal($"{app.BaseUrl}/{relative}", byRel["bookmark"]);
    }

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"'{property}' is null");

    /// <summary>
    /// Clients parse by JSON type (a numeric flavor id, a boolean flag), so the kind is part of the contract.
    /// <see cref="JsonValueKind.True"/> stands for "a boolean", either value.
    /// </summary>
    public static void AssertKinds(this JsonElement element, params (string Property, JsonValueKind Kind)[] expected)
    {
        foreach (var (property, kind) in expected)
        {
            Assert.True(element.TryGetProperty(property, out var value), $"missing '{property}' in {element}");
            var actual = value.ValueKind == JsonValueKind.False ? JsonValueKind.True : value.ValueKind;
            Assert.True(kind == actual, $"'{property}' should be {kind}, is {value.ValueKind} in {element}");
        }
    }

    public static IEnumerable<JsonElement> Items(this ApiResponse response, string property) =>
        response.Body.GetProperty(property).EnumerateArray();
}
