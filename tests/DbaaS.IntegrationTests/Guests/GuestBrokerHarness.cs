using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.TaskManager.Guests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace DbaaS.IntegrationTests.Guests;

/// <summary>
/// The real RabbitMQ with the control-plane registrations (guest accounts, guest client) and instance keys supplied
/// by the test. Every account it creates is deleted when it is disposed.
/// </summary>
public sealed class GuestBrokerHarness : IAsyncDisposable
{
    readonly ServiceProvider _services;
    readonly List<Guid> _accounts = [];

    public GuestBrokerHarness(ITestOutputHelper? output = null, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        Configuration = Configure(settings);
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            if (output is not null) logging.AddProvider(new TestOutputLoggerProvider(output));
        });
        services.AddSingleton(Configuration);
        services.AddSingleton<IGuestKeyStore>(Keys);
        configure?.Invoke(services);
        services.AddGuestAccounts(Configuration);
        services.AddGuestClient(Configuration);
        _services = services.BuildServiceProvider();
    }

    public IConfiguration Configuration { get; }
    public IServiceProvider Services => _services;
    public TestKeyStore Keys { get; } = new();
    public IGuestAccounts Accounts => _services.GetRequiredService<IGuestAccounts>();
    public IGuestClient Client => _services.GetRequiredService<IGuestClient>();
    public GuestBrokerOptions Admin => _services.GetRequiredService<IOptions<GuestBrokerOptions>>().Value;

    public static IConfiguration Configure(IDictionary<string, string?>? settings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(TestEnvironment.Messaging.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)))
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

    /// <summary>A new instance id with its key and its real broker account.</summary>
    public async Task<(Guid InstanceId, byte[] Key, GuestRabbitSettings Rabbit)> NewGuestAsync(Guid? instanceId = null, byte[]? key = null)
    {
        var id = instanceId ?? Guid.NewGuid();
        key ??= EnvelopeSeal.NewKey();
        Keys.Set(id, key);
        lock (_accounts) _accounts.Add(id);
        var rabbit = await Accounts.CreateAsync(id, CancellationToken.None);
        return (id, key, rabbit);
    }

    /// <summary>A channel with the control-plane (administrator) credentials, for looking at queues.</summary>
    public async Task<IConnection> AdminConnectionAsync()
    {
        var admin = Admin;
        return await new ConnectionFactory
        {
            HostName = admin.Host, Port = admin.Port, VirtualHost = admin.VirtualHost, UserName = admin.Username, Password = admin.Password,
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync("dbaas-test-admin");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _accounts) await Accounts.DeleteAsync(id, CancellationToken.None);
        await _services.DisposeAsync();
    }
}

public sealed class TestKeyStore : IGuestKeyStore
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte[]> _keys = new();

    public void Set(Guid instanceId, byte[] key) => _keys[instanceId] = key;

    public ValueTask<byte[]?> GetKeyAsync(Guid instanceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.TryGetValue(instanceId, out var key) ? key : null);
}

public sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // the test has finished; its output is closed
            }
        }
    }
}
