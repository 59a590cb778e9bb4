using System.Net.Http.Json;
using System.Text.Json.Serialization;
using DbaaS.Contracts.Guest;

namespace DbaaS.IntegrationTests.Infrastructure;

/// <summary>
/// A private RabbitMQ virtual host per test server, so servers running side by side never consume each other's
/// commands or guest reports from the shared broker. Deleted, with everything in it, when the server stops.
/// </summary>
public sealed class BrokerVhost : IAsyncDisposable
{
    private readonly HttpClient _http;
    public string Name { get; }

    private BrokerVhost(HttpClient http, string name)
    {
        _http = http;
        Name = name;
    }

    /// <summary>A new virtual host on <paramref name="broker"/> (the shared node by default), open to its administrator.</summary>
    public static async Task<BrokerVhost> CreateAsync(string purpose, BrokerEndpoint? broker = null)
    {
        broker ??= BrokerEndpoint.Shared;
        var http = broker.ManagementClient();
        var name = $"test-{purpose}-{Guid.NewGuid():N}"[..40];
        (await http.PutAsJsonAsync($"vhosts/{name}", new { })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"permissions/{name}/{Uri.EscapeDataString(broker.Username)}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        return new BrokerVhost(http, name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Users are not part of a vhost: the guest accounts of the instances made here would outlive it.
            var permissions = await _http.GetFromJsonAsync<List<Permission>>($"vhosts/{Name}/permissions") ?? [];
            foreach (var user in permissions.Select(p => p.User).Where(u => GuestTopology.InstanceIdFromUser(u) is not null))
                await _http.DeleteAsync($"users/{Uri.EscapeDataString(user)}");
            await _http.DeleteAsync($"vhosts/{Name}");
        }
        finally { _http.Dispose(); }
    }

    private sealed record Permission([property: JsonPropertyName("user")] string User);
}
