using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DbaaS.Contracts.Guest;
using RabbitMQ.Client;

namespace DbaaS.GuestAgent.Tests.Infrastructure;

/// <summary>
/// What the control plane does for a new instance, done here with the admin <c>dbaas</c> user: a RabbitMQ user of the
/// instance's own that may configure nothing, read only its queue and write only to the conductor and replies
/// exchanges; the exchanges; the instance's queue bound to <c>dbaas.guest</c>. And the cleanup afterwards.
/// </summary>
public static class RabbitAdmin
{
    static readonly HttpClient Http = CreateHttp();

    public static ConnectionFactory AdminFactory() => new()
    {
        HostName = TestEnvironment.RabbitHost,
        Port = TestEnvironment.RabbitPort,
        VirtualHost = TestEnvironment.RabbitVirtualHost,
        UserName = TestEnvironment.RabbitAdminUser,
        Password = TestEnvironment.RabbitAdminPassword,
        ClientProvidedName = "dbaas guest-agent tests (admin)",
    };

    public static ConnectionFactory GuestFactory(string instanceId, string password) => new()
    {
        HostName = TestEnvironment.RabbitHost,
        Port = TestEnvironment.RabbitPort,
        VirtualHost = TestEnvironment.RabbitVirtualHost,
        UserName = GuestTopology.UserFor(instanceId),
        Password = password,
        AutomaticRecoveryEnabled = false,
    };

    public static async Task ProvisionGuestAsync(string instanceId, string password)
    {
        var user = GuestTopology.UserFor(instanceId);
        await PutAsync($"users/{Uri.EscapeDataString(user)}", new JsonObject { ["password"] = password, ["tags"] = "" });
        await PutAsync($"permissions/{Uri.EscapeDataString(TestEnvironment.RabbitVirtualHost)}/{Uri.EscapeDataString(user)}",
            new JsonObject
            {
                ["configure"] = "^$",
                ["write"] = @"^(dbaas\.conductor|dbaas\.replies)$",
                ["read"] = $"^{Regex.Escape(GuestTopology.QueueFor(instanceId))}$",
            });

        await using var connection = await AdminFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await DeclareExchangesAsync(channel);
        var queue = GuestTopology.QueueFor(instanceId);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, GuestTopology.GuestExchange, instanceId);
    }

    public static async Task DeclareExchangesAsync(IChannel channel)
    {
        foreach (var exchange in new[] { GuestTopology.GuestExchange, GuestTopology.ConductorExchange, GuestTopology.RepliesExchange })
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, autoDelete: false);
    }

    public static async Task RemoveGuestAsync(string instanceId)
    {
        var user = GuestTopology.UserFor(instanceId);
        using (await Http.DeleteAsync($"users/{Uri.EscapeDataString(user)}")) { }
        var vhost = Uri.EscapeDataString(TestEnvironment.RabbitVirtualHost);
        using (await Http.DeleteAsync($"queues/{vhost}/{Uri.EscapeDataString(GuestTopology.QueueFor(instanceId))}")) { }
    }

    /// <summary>
    /// Closes every connection of <paramref name="user"/> from the broker's side (CONNECTION_FORCED), as a broker
    /// restart does; returns how many. The management API lists a connection only after its next statistics tick.
    /// </summary>
    public static async Task<int> ForceCloseConnectionsOfAsync(string user)
    {
        var closed = 0;
        var connections = JsonNode.Parse(await Http.GetStringAsync("connections?columns=name,user"))!.AsArray();
        foreach (var connection in connections)
        {
            if ((string?)connection!["user"] != user) continue;
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"connections/{Uri.EscapeDataString((string)connection["name"]!)}");
            request.Headers.Add("X-Reason", "test: the broker drops the guest");
            using var response = await Http.SendAsync(request);
            if (response.IsSuccessStatusCode) closed++;
        }
        return closed;
    }

    static async Task PutAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync(path, content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"RabbitMQ management PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    static HttpClient CreateHttp()
    {
        var http = new HttpClient
        {
            BaseAddress = new Uri($"http://{TestEnvironment.RabbitHost}:{TestEnvironment.RabbitManagementPort}/api/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestEnvironment.RabbitAdminUser}:{TestEnvironment.RabbitAdminPassword}")));
        return http;
    }
}
