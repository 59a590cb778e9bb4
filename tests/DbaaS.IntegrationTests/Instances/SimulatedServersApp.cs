using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances;

/// <summary>
/// A server whose compute driver and guests are simulated (Compute:Driver=simulated): for tests of the API,
/// quotas, tasks and the outbox, where a real engine would only add time. The engines are tested end to end
/// elsewhere. Everything else (PostgreSQL, RabbitMQ, MassTransit, the taskmanager) is real.
/// </summary>
public sealed class SimulatedServersApp : IAsyncLifetime
{
    public DbaaSApp App { get; } = new()
    {
        Settings =
        {
            ["Compute:Driver"] = "simulated",
            ["Instances:MaxVolumeSizeGb"] = "50",
            // Simulated guests send no heartbeats; the heartbeat deadline is tested with real guests.
            ["Conductor:HeartbeatDeadlineSeconds"] = "86400",
        },
    };

    public Task InitializeAsync() => App.InitializeAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SimulatedServersCollection : ICollectionFixture<SimulatedServersApp>
{
    public const string Name = "instances-simulated";
}
