using DbaaS.Core.Instances;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DbaaS.Conductor;

/// <summary>
/// A guest that stops reporting is down (DESIGN §3): every few seconds, one UPDATE turns the service status of
/// instances whose last heartbeat is past the deadline to SHUTDOWN. Not during a build (the build has its own
/// deadline), not for deleted instances. Idempotent, so every conductor may run it.
/// </summary>
public sealed class HeartbeatSweeper(NpgsqlDataSource dataSource, IOptions<ConductorOptions> options, ILogger<HeartbeatSweeper> logger)
    : BackgroundService
{
    static readonly string[] Reporting =
        [ServiceStatuses.Healthy, ServiceStatuses.Blocked, ServiceStatuses.RestartRequired, ServiceStatuses.Building];

    const string Sql = """
        UPDATE instances
        SET service_status = @shutdown, service_status_updated = now(), updated = now()
        WHERE NOT deleted
          AND task_status <> @building
          AND service_status = ANY(@reporting)
          AND service_status_updated < now() - @deadline
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds));
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Heartbeat sweep failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many instances turned SHUTDOWN.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("shutdown", ServiceStatuses.Shutdown);
        command.Parameters.AddWithValue("building", InstanceTasks.Building);
        command.Parameters.Add(new NpgsqlParameter("reporting", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Reporting });
        command.Parameters.AddWithValue("deadline", TimeSpan.FromSeconds(options.Value.HeartbeatDeadlineSeconds));
        var silent = await command.ExecuteNonQueryAsync(cancellationToken);
        if (silent > 0)
            logger.LogWarning("{Count} instances sent no heartbeat for {Deadline} s: service status SHUTDOWN", silent, options.Value.HeartbeatDeadlineSeconds);
        return silent;
    }
}
