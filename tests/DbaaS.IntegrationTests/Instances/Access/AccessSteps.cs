using System.Text.Json;
using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances.Access;

/// <summary>ACTIVE instances on simulated servers, whose simulated guest keeps databases, users and root in memory.</summary>
internal static class AccessSteps
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    public static async Task<string> ActiveInstanceAsync(this ApiClient client, Session session, string datastore = "mariadb",
        object[]? databases = null, object[]? users = null)
    {
        var id = await client.CreateInstanceAsync(session, InstanceSteps.CreateBody($"access-{datastore}", datastore: datastore, databases: databases, users: users));
        await client.WaitForStatusAsync(session, id, Within, "ACTIVE");
        return id;
    }

    public static string Inside(this Session session, string instanceId, string relative) =>
        session.Tenant($"instances/{instanceId}/{relative}");

    public static async Task<List<string>> NamesAsync(this ApiClient client, Session session, string path, string collection)
    {
        var answer = await client.GetAsync(path, session.Token);
        answer.AssertStatus(200);
        return answer.Body.GetProperty(collection).EnumerateArray().Select(Key).ToList();
    }

    /// <summary>name, or name@host where the item has a host.</summary>
    public static string Key(JsonElement item) =>
        item.TryGetProperty("host", out var host) ? $"{item.Str("name")}@{host.GetString()}" : item.Str("name");

    /// <summary>Follows next links from <paramref name="path"/>; answers every item's key and the number of pages.</summary>
    public static async Task<(List<string> Keys, int Pages, List<string> NextLinks)> AllPagesAsync(this ApiClient client, Session session, string path, string collection)
    {
        var keys = new List<string>();
        var links = new List<string>();
        var pages = 0;
        string? next = path;
        while (next is not null)
        {
            Assert.True(pages < 50, "the next links do not end");
            var page = await client.GetAsync(next, session.Token);
            page.AssertStatus(200);
            pages++;
            keys.AddRange(page.Body.GetProperty(collection).EnumerateArray().Select(Key));
            var link = page.Body.GetProperty("links").EnumerateArray().FirstOrDefault(l => l.Str("rel") == "next");
            next = link.ValueKind == JsonValueKind.Undefined ? null : new Uri(link.Str("href")).PathAndQuery;
            if (next is not null) links.Add(link.Str("href"));
        }
        return (keys, pages, links);
    }
}
