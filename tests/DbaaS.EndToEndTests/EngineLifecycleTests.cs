using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.IntegrationTests.Instances;

namespace DbaaS.EndToEndTests;

/// <summary>
/// One engine's whole life through the API, checked from the outside with the engine's own client: create with a
/// database and a user → ACTIVE → write a row as that user → restart → the row is still there → resize the volume →
/// the engine dies → reported, restart recovers it with its data → the guest dies → SHUTDOWN within the heartbeat
/// deadline → restart brings it back → delete → port closed, directory and broker user gone.
/// </summary>
public abstract class EngineLifecycleTests(ProcessServersApp fixture, EngineClient engine) : IClassFixture<ProcessServersApp>
{
    static readonly TimeSpan Build = TimeSpan.FromSeconds(90);
    static readonly TimeSpan Action = TimeSpan.FromSeconds(60);
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(ProcessServersApp.HeartbeatDeadlineSeconds * 4);
    const string User = "app";
    const string Password = "S3cret-pw";

    [Fact]
    public async Task Create_use_restart_resize_survive_crashes_and_delete()
    {
        var app = fixture.App;
        var client = app.Client();
        var session = await app.NewProjectUserAsync();
        var id = await client.CreateInstanceAsync(session, InstanceSteps.CreateBody($"{engine.Datastore}-e2e", datastore: engine.Datastore,
            databases: engine.HasDatabases ? [new { name = "app" }] : [],
            users: [new { name = User, password = Password, databases = engine.HasDatabases ? new[] { new { name = "app" } } : [] }]));

        var active = await client.WaitForStatusAsync(session, id, Build, "ACTIVE", "ERROR");
        Assert.True(active.Str("status") == "ACTIVE", active.ToString());
        var host = active.Str("hostname");
        var port = active.GetProperty("port").GetInt32();
        await engine.WriteAsync(host, port, User, Password, "first");
        Assert.Equal("first", await engine.ReadAsync(host, port, User, Password));

        await ActAsync(client, session, id, new { restart = new { } });
        Assert.Equal("first", await engine.ReadAsync(host, port, User, Password));

        await ActAsync(client, session, id, new { resize = new { volume = new { size = 2 } } });
        var resized = await client.ShowInstanceAsync(session, id);
        Assert.Equal(2, resized.GetProperty("volume").GetProperty("size").GetInt32());

        var instanceDirectory = fixture.InstanceDirectory(id);
        var guest = GuestProcesses.GuestPid(instanceDirectory) ?? throw new Xunit.Sdk.XunitException("no live guest for the instance");
        foreach (var engineProcess in GuestProcesses.DescendantsOf(guest)) GuestProcesses.Kill(engineProcess);
        await client.WaitForStatusAsync(session, id, Deadline, "SHUTDOWN");
        await ActAsync(client, session, id, new { restart = new { } });
        Assert.Equal("first", await engine.ReadAsync(host, port, User, Password));

        GuestProcesses.Kill(GuestProcesses.GuestPid(instanceDirectory)!.Value);
        await client.WaitForStatusAsync(session, id, Deadline, "SHUTDOWN");
        await ActAsync(client, session, id, new { restart = new { } });
        Assert.Equal("first", await engine.ReadAsync(host, port, User, Password));

        (await client.SendAsync(HttpMethod.Delete, session.Tenant($"instances/{id}"), session.Token)).AssertStatus(202);
        await client.WaitUntilGoneAsync(session, id, Action);
        Assert.False(Directory.Exists(instanceDirectory), "the instance directory is still there");
        Assert.Empty(GuestProcesses.WithCommandLineContaining(instanceDirectory));
        Assert.False(await PortAnswersAsync(host, port), $"port {port} still answers");
        Assert.False(await BrokerUserExistsAsync(fixture.App, id), "the guest's RabbitMQ user is still there");
    }

    static async Task ActAsync(ApiClient client, Session session, string id, object action)
    {
        (await client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/action"), session.Token, action)).AssertStatus(202);
        var done = await client.WaitForStatusAsync(session, id, Action, "ACTIVE", "ERROR");
        Assert.True(done.Str("status") == "ACTIVE", done.ToString());
    }

    static async Task<bool> PortAnswersAsync(string host, int port)
    {
        using var tcp = new TcpClient();
        try { await tcp.ConnectAsync(host, port); return true; }
        catch (SocketException) { return false; }
    }

    static async Task<bool> BrokerUserExistsAsync(DbaaSApp app, string instanceId)
    {
        var settings = TestEnvironment.Messaging;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{settings["Messaging:RabbitMq:Username"]}:{settings["Messaging:RabbitMq:Password"]}")));
        var answer = await http.GetAsync($"http://{settings["Messaging:RabbitMq:Host"]}:{settings["Messaging:RabbitMq:ManagementPort"]}/api/users/guest-{instanceId}");
        return answer.IsSuccessStatusCode;
    }
}

public sealed class MariaDbLifecycleTests(ProcessServersApp fixture) : EngineLifecycleTests(fixture, new MariaDbClient());

public sealed class PostgreSqlLifecycleTests(ProcessServersApp fixture) : EngineLifecycleTests(fixture, new PostgreSqlClient());

public sealed class RedisLifecycleTests(ProcessServersApp fixture) : EngineLifecycleTests(fixture, new RedisClient());
