using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

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

    public static async Task<BrokerVhost> CreateAsync(string purpose)
    {
        var settings = TestEnvironment.Messaging;
        var http = new HttpClient { BaseAddress = new Uri($"http://{settings["Messaging:RabbitMq:Host"]}:{settings["Messaging:RabbitMq:ManagementPort"]}/api/") };
        var user = settings["Messaging:RabbitMq:Username"];
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{settings["Messaging:RabbitMq:Password"]}")));
        var name = $"test-{purpose}-{Guid.NewGuid():N}"[..40];
        (await http.PutAsJsonAsync($"vhosts/{name}", new { })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"permissions/{name}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        return new BrokerVhost(http, name);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _http.DeleteAsync($"vhosts/{Name}"); }
        finally { _http.Dispose(); }
    }
}
