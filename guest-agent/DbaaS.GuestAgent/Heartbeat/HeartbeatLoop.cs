using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;
using DbaaS.GuestAgent.Messaging;

namespace DbaaS.GuestAgent.Heartbeat;

/// <summary>
/// A heartbeat at once, then every <c>heartbeat_seconds</c>, and also right after anything the control plane should
/// know sooner (an engine operation ended, the connection came back). A failed send is logged and retried at the
/// next beat: a broker restart never stops the loop.
/// </summary>
public sealed class HeartbeatLoop(ServiceStatusProbe probe, SealedPublisher publisher, TimeSpan interval, IGuestLog log)
{
    readonly SemaphoreSlim _now = new(0);
    int _failuresInARow;
    long _sent;

    /// <summary>Send the next heartbeat now rather than at the end of the interval.</summary>
    public void Kick()
    {
        if (_now.CurrentCount == 0) _now.Release();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await BeatAsync(cancellationToken);
            try
            {
                await _now.WaitAsync(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var sent = publisher.Now;
            var report = await probe.ReportAsync(cancellationToken);
            await publisher.ReportAsync(GuestMethods.Heartbeat,
                JsonSerializer.SerializeToElement(report, GuestJson.Default.HeartbeatArgs), sent, cancellationToken);
            if (_failuresInARow > 0) log.Info($"heartbeats flowing again after {_failuresInARow} failed");
            else if (_sent == 0) log.Info($"first heartbeat sent ({report.ServiceStatus})");
            _failuresInARow = 0;
            _sent++;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // One line when the trouble starts, then one a minute or so: a broker outage must not flood the log.
            if (_failuresInARow++ % 12 == 0)
                log.Warn($"heartbeat not sent ({_failuresInARow} in a row, retrying): {exception.Message}");
        }
    }
}
