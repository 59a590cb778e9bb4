using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;
using DbaaS.GuestAgent.Instance;

namespace DbaaS.GuestAgent.Heartbeat;

/// <summary>What a heartbeat says of the engine: what the agent is doing first, then what the plugin sees.</summary>
/// <param name="fault">A reason the agent can never serve this instance (no plugin for its manager): reported as failed.</param>
public sealed class ServiceStatusProbe(IDatastorePlugin plugin, InstanceState state, IGuestLog log, string? fault = null)
{
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<HeartbeatArgs> ReportAsync(CancellationToken cancellationToken)
    {
        var (status, message) = await StatusAsync(cancellationToken);
        return new HeartbeatArgs(status, state.Volume(), state.EngineVersion, message);
    }

    async Task<(string Status, string? Message)> StatusAsync(CancellationToken cancellationToken)
    {
        if (fault is not null) return (GuestServiceStatus.Failed, fault);
        if (state.IsPreparing) return (GuestServiceStatus.Building, null);
        if (state.PrepareFailure is { } failure) return (GuestServiceStatus.Failed, failure);
        if (state.IsStoppedByUser) return (GuestServiceStatus.Shutdown, null);
        if (!plugin.IsInitialized) return (GuestServiceStatus.New, null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            return (await plugin.ProbeAsync(timeout.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.Warn($"engine probe did not answer within {ProbeTimeout.TotalSeconds:0} s");
            return (GuestServiceStatus.Unknown, "the engine did not answer the probe in time");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            log.Warn($"engine probe failed: {exception.Message}");
            return (GuestServiceStatus.Unknown, exception.Message);
        }
    }
}
