using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DbaaS.IntegrationTests.Infrastructure;

/// <summary>
/// A RabbitMQ node and the administrator account the control plane uses on it: the shared node of
/// <c>scripts/infra.sh</c> by default, or a test's private node (one it may stop and start again).
/// </summary>
public sealed record BrokerEndpoint(string Host, int Port, int ManagementPort, string Username, string Password)
{
    /// <summary>The shared node every test uses unless it brings its own.</summary>
    public static BrokerEndpoint Shared => new(
        TestEnvironment.Require("Messaging__RabbitMq__Host"),
        int.Parse(TestEnvironment.Require("Messaging__RabbitMq__Port"), CultureInfo.InvariantCulture),
        int.Parse(TestEnvironment.Require("Messaging__RabbitMq__ManagementPort"), CultureInfo.InvariantCulture),
        TestEnvironment.Require("Messaging__RabbitMq__Username"),
        TestEnvironment.Require("Messaging__RabbitMq__Password"));

    /// <summary>The server's <c>Messaging:RabbitMq:*</c> settings for this node (the virtual host is set apart).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Messaging:RabbitMq:Host"] = Host,
        ["Messaging:RabbitMq:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Messaging:RabbitMq:ManagementPort"] = ManagementPort.ToString(CultureInfo.InvariantCulture),
        ["Messaging:RabbitMq:Username"] = Username,
        ["Messaging:RabbitMq:Password"] = Password,
    };

    /// <summary>An HTTP client on the management API (<c>/api/</c>), logged in as the administrator.</summary>
    public HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{Host}:{ManagementPort}/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        return http;
    }

    /// <summary>
    /// Has the broker close the client connection on local port <paramref name="clientPort"/> (CONNECTION_FORCED, as in a
    /// broker restart or a network cut, so the client recovers), touching no other connection on a shared node.
    /// </summary>
    public async Task CloseConnectionAsync(int clientPort, string reason)
    {
        using var http = ManagementClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            // The management API lists a new connection after a short delay.
            using var connections = JsonDocument.Parse(await http.GetStringAsync("connections?columns=name,peer_port"));
            var name = connections.RootElement.EnumerateArray()
                .Where(c => c.TryGetProperty("peer_port", out var port) && port.ValueKind == JsonValueKind.Number && port.GetInt32() == clientPort)
                .Select(c => c.GetProperty("name").GetString())
                .FirstOrDefault();
            if (name is not null)
            {
                using var close = new HttpRequestMessage(HttpMethod.Delete, $"connections/{Uri.EscapeDataString(name)}");
                close.Headers.Add("X-Reason", reason);
                (await http.SendAsync(close)).EnsureSuccessStatusCode();
                return;
            }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"RabbitMQ lists no connection from client port {clientPort}.");
            await Task.Delay(200);
        }
    }

    /// <summary>No password in test output.</summary>
    public override string ToString() => $"{Username}@{Host}:{Port} (management {ManagementPort})";
}
