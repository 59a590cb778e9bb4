using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DbaaS.Core.Data;

/// <summary>Holds one connection in LISTEN on <see cref="ChangeNotifier.Channel"/> and feeds the hub.</summary>
public sealed class ChangeListener(NpgsqlDataSource dataSource, ChangeListenerHub hub, ILogger<ChangeListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => hub.Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeNotifier.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Anything that changed before LISTEN took effect is unknown to us.
                hub.ListeningStarted();
                logger.LogInformation("Listening for cache invalidations on {Channel}", ChangeNotifier.Channel);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                hub.ListeningStopped();
                return;
            }
            catch (Exception ex)
            {
                hub.ListeningStopped();
                logger.LogWarning(ex, "Cache invalidation listener lost its connection; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
