using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DbaaS.Conductor;
using DbaaS.Contracts.Guest;
using DbaaS.Core;
using DbaaS.Core.Data.Migrations;
using DbaaS.Core.Guests;
using DbaaS.IntegrationTests.Guests;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.TaskManager.Guests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DbaaS.IntegrationTests.Conductor;

/// <summary>
/// A running conductor (consumer and sweeper, as <c>AddConductor</c> registers them) over a fresh migrated database
/// and the real RabbitMQ. It consumes a private tap queue, so conductors of other test runs cannot take its reports.
/// </summary>
public sealed class ConductorFixture : IAsyncLifetime
{
    public const double HeartbeatDeadlineSeconds = 60;

    readonly List<Guid> _accounts = [];
    ServiceProvider? _services;
    List<IHostedService> _started = [];

    public TestDatabase Database { get; private set; } = null!;
    public string Queue { get; } = $"dbaas.conductor.test.{Guid.NewGuid():N}";
    public IServiceProvider Services => _services!;
    IGuestAccounts Accounts => Services.GetRequiredService<IGuestAccounts>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("conductor");
        await using (var dataSource = NpgsqlDataSource.Create(Database.ConnectionString))
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        await Database.ExecuteAsync("""
            INSERT INTO flavors (id, name, ram_mb, vcpus, disk_gb) VALUES ('conductor-test', 'conductor-test', 512, 1, 1);
            INSERT INTO datastores (id, name) VALUES ('7d9b3c52-0000-4000-8000-000000000001', 'mariadb');
            INSERT INTO datastore_versions (id, datastore_id, name, version, manager)
            VALUES ('7d9b3c52-0000-4000-8000-000000000002', '7d9b3c52-0000-4000-8000-000000000001', '10.11', '10.11', 'mariadb');
            """);

        var configuration = GuestBrokerHarness.Configure(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dbaas"] = Database.ConnectionString,
            ["Conductor:Queue"] = Queue,
            ["Conductor:HeartbeatDeadlineSeconds"] = HeartbeatDeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Conductor:SweepIntervalSeconds"] = "0.5",
        });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddDbaaSCore(configuration);
        services.AddConductor(configuration);
        services.AddGuestAccounts(configuration);
        _services = services.BuildServiceProvider();

        _started = _services.GetServices<IHostedService>().Where(s => s is GuestReportConsumer or HeartbeatSweeper).ToList();
        Assert.Equal(2, _started.Count);
        foreach (var service in _started) await service.StartAsync(CancellationToken.None);
        await WaitForConsumerAsync();
    }

    /// <summary>An instance row (as the API would insert it) and its real broker account, with a stand-in guest logged in.</summary>
    public async Task<StandInGuest> NewGuestAsync(string taskStatus = "NONE", bool deleted = false)
    {
        var id = Guid.NewGuid();
        var key = EnvelopeSeal.NewKey();
        await InsertInstanceAsync(id, key, taskStatus: taskStatus, deleted: deleted);
        lock (_accounts) _accounts.Add(id);
        var rabbit = await Accounts.CreateAsync(id, CancellationToken.None);
        return await StandInGuest.ConnectAsync(id, key, rabbit);
    }

    public async Task InsertInstanceAsync(Guid id, byte[] key, string serviceStatus = "NEW", string taskStatus = "NONE",
        DateTime? serviceStatusUpdated = null, bool deleted = false)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO instances (id, project_id, name, flavor_id, datastore_version_id, volume_size_gb, task_status,
                                   service_status, service_status_updated, guest_key, deleted)
            VALUES (@id, 'conductor-test', @name, 'conductor-test', '7d9b3c52-0000-4000-8000-000000000002', 1, @task,
                    @service, @serviceUpdated, @key, @deleted)
            """, connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("name", $"i-{id:N}");
        insert.Parameters.AddWithValue("task", taskStatus);
        insert.Parameters.AddWithValue("service", serviceStatus);
        insert.Parameters.AddWithValue("serviceUpdated", serviceStatusUpdated is { } updated ? updated : DBNull.Value);
        insert.Parameters.AddWithValue("key", key);
        insert.Parameters.AddWithValue("deleted", deleted);
        await insert.ExecuteNonQueryAsync();
    }

    public sealed record Row(string ServiceStatus, DateTime? ServiceStatusUpdated, DateTime? GuestLastSent, long? VolumeUsedBytes, string? EngineVersion);

    public async Task<Row> ReadAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            "SELECT service_status, service_status_updated, guest_last_sent, volume_used_bytes, engine_version FROM instances WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", id);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no instance {id}");
        return new Row(reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetDateTime(1),
            reader.IsDBNull(2) ? null : reader.GetDateTime(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    /// <summary>Reports are published (and confirmed) before the consumer exists would miss the private queue.</summary>
    async Task WaitForConsumerAsync()
    {
        var broker = Services.GetRequiredService<IOptions<GuestBrokerOptions>>().Value;
        using var http = new HttpClient { BaseAddress = new Uri($"http://{broker.Host}:{broker.ManagementPort}/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.Username}:{broker.Password}")));
        var path = $"queues/{Uri.EscapeDataString(broker.VirtualHost)}/{Uri.EscapeDataString(Queue)}";
        await Eventually.ValueAsync(async () =>
        {
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode) return 0;
            var queue = await response.Content.ReadFromJsonAsync<JsonElement>();
            return queue.TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0;
        }, consumers => consumers > 0, "the conductor never started consuming its queue");
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _started) await service.StopAsync(CancellationToken.None);
        if (_services is not null)
        {
            foreach (var id in _accounts) await Accounts.DeleteAsync(id, CancellationToken.None);
            await _services.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
