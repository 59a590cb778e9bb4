using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DbaaS.IntegrationTests.Infrastructure;

/// <summary>
/// The real server (all roles) on real Kestrel on a loopback port, over its own fresh database and the real
/// RabbitMQ, so both HttpClient tests and external clients (the openstack CLI) can reach it.
/// </summary>
public sealed class DbaaSApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "admin-test-password";
    public const string DemoPassword = "demo-test-password";
    /// <summary>32 bytes in base64: the instance keys' encryption key of every test app.</summary>
    public const string GuestKeyEncryptionKey = "ZGJhYXMtdGVzdHMtaW5zdGFuY2Uta2V5LWVuY3J5cHQ=";

    private TestDatabase? _database;
    private BrokerVhost? _vhost;
    private BrokerEndpoint? _broker;

    /// <summary>Configuration on top of the test defaults, e.g. a low rate limit.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public int Port { get; } = FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not started");

    /// <summary>Share another app's database (a second API replica) instead of creating one.</summary>
    public TestDatabase? SharedDatabase { get; init; }

    /// <summary>Share another app's broker virtual host (replicas of one deployment) instead of creating one.</summary>
    public BrokerVhost? SharedVhost { get; init; }

    /// <summary>The RabbitMQ node the server and its virtual host use: the shared one unless a test brings its own.</summary>
    public BrokerEndpoint Broker
    {
        get => _broker ??= BrokerEndpoint.Shared;
        init => _broker = value;
    }

    public BrokerVhost Vhost => _vhost ?? throw new InvalidOperationException("Not started");

    public async Task InitializeAsync()
    {
        _database = SharedDatabase ?? await TestDatabase.CreateAsync("api");
        _vhost = SharedVhost ?? await BrokerVhost.CreateAsync("api", Broker);
        UseKestrel(Port);
        StartServer();
        await Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Dbaas", Database.ConnectionString);
        builder.UseSetting("Identity:AdminPassword", AdminPassword);
        builder.UseSetting("Identity:DemoPassword", DemoPassword);
        // Tests log in often; the production cost (100k) is measured in the benchmarks instead.
        builder.UseSetting("Identity:PasswordHashIterations", "1000");
        foreach (var rule in new[] { "HttpGetRate", "HttpPostRate", "HttpPutRate", "HttpDeleteRate", "HttpMgmtPostRate" })
            builder.UseSetting($"RateLimits:{rule}", "100000");
        foreach (var (key, value) in TestEnvironment.Messaging) builder.UseSetting(key, value);
        foreach (var (key, value) in Broker.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Messaging:RabbitMq:VirtualHost", Vhost.Name);
        // Every test app stores instance keys encrypted, as scripts/run.sh configures it; Settings may unset it.
        builder.UseSetting("GuestKeys:EncryptionKey", GuestKeyEncryptionKey);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public ApiClient Client() => new(new HttpClient { BaseAddress = new Uri(BaseUrl) });

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (SharedDatabase is null && _database is not null) await _database.DisposeAsync();
        if (SharedVhost is null && _vhost is not null) await _vhost.DisposeAsync();
        _database = null;
        _vhost = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<DbaaSApp>
{
    public const string Name = "api";
}
