using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Agent;

/// <summary>
/// Stands in when this agent has no plugin for the configured manager. The agent still connects, heartbeats
/// "failed" with the reason and answers every engine call with not_supported, so the control plane shows the
/// user why the instance cannot build instead of waiting for a build timeout.
/// </summary>
sealed class MissingPlugin(string manager, string reason) : IDatastorePlugin
{
    public string Manager => manager;

    public string Reason => reason;

    public bool IsInitialized => false;

    public Task<PrepareResult> PrepareAsync(PrepareArgs args, CancellationToken cancellationToken) => throw Unsupported();

    public Task StartAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task StopAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task RestartAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<string> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(GuestServiceStatus.Failed);

    public Task ApplyFlavorAsync(int memoryMb, CancellationToken cancellationToken) => throw Unsupported();

    NotSupportedException Unsupported() => new(reason);
}
