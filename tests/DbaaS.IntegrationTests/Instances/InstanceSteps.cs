using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances;

internal static class InstanceSteps
{
    public static object CreateBody(string name, string flavor = "2", int size = 1, string datastore = "mariadb", string? version = null,
        object[]? databases = null, object[]? users = null) => new
        {
            instance = new
            {
                name,
                flavorRef = flavor,
                volume = new { size },
                datastore = new { type = datastore, version },
                databases = databases ?? [],
                users = users ?? [],
            },
        };

    public static async Task<string> CreateInstanceAsync(this ApiClient client, Session session, object body)
    {
        var created = await client.SendAsync(HttpMethod.Post, $"/v1.0/{session.ProjectId}/instances", session.Token, body);
        created.AssertStatus(200);
        return created.Body.GetProperty("instance").GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> ShowInstanceAsync(this ApiClient client, Session session, string id)
    {
        var shown = await client.GetAsync($"/v1.0/{session.ProjectId}/instances/{id}", session.Token);
        shown.AssertStatus(200);
        return shown.Body.GetProperty("instance");
    }

    /// <summary>Polls until the instance's view satisfies <paramref name="shown"/>; fails with the last view.</summary>
    public static async Task<JsonElement> WaitForInstanceAsync(this ApiClient client, Session session, string id, TimeSpan within, Func<JsonElement, bool> shown)
    {
        var deadline = DateTime.UtcNow + within;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.ShowInstanceAsync(session, id);
            if (shown(last)) return last;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"instance {id} not shown as expected within {within}: {last}");
    }

    /// <summary>Polls until the instance's status is one of <paramref name="statuses"/>; fails with the last view.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this ApiClient client, Session session, string id, TimeSpan within, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + within;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.ShowInstanceAsync(session, id);
            if (statuses.Contains(last.GetProperty("status").GetString())) return last;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"instance {id} not in [{string.Join(",", statuses)}] within {within}: {last}");
    }

    public static async Task WaitUntilGoneAsync(this ApiClient client, Session session, string id, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var shown = await client.GetAsync($"/v1.0/{session.ProjectId}/instances/{id}", session.Token);
            if (shown.Code == 404) return;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"instance {id} still there after {within}");
    }

    public static async Task<int> QuotaInUseAsync(this ApiClient client, Session admin, string projectId, string resource)
    {
        var quotas = await client.GetAsync($"/v1.0/{admin.ProjectId}/mgmt/quotas/{projectId}", admin.Token);
        quotas.AssertStatus(200);
        return quotas.Body.GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("resource").GetString() == resource)
            .GetProperty("in_use").GetInt32();
    }
}
