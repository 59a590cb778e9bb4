using System.Collections.Concurrent;
using DbaaS.Core.Instances;

namespace DbaaS.TaskManager.Compute.Simulated;

/// <summary>
/// Servers that exist only in this process's memory, paired with <c>SimulatedGuestClient</c>: for measuring the
/// control plane alone (the 1,000-create benchmark) and for API tests that are about requests, not engines.
/// Selected with <c>Compute:Driver=simulated</c>; never the default, and its servers vanish with the process.
/// </summary>
public sealed class SimulatedComputeDriver : IComputeDriver
{
    readonly ConcurrentDictionary<Guid, ServerInfo> _servers = new();
    int _nextPort = 40000;

    public string Name => "simulated";

    public Task<ServerInfo> CreateServerAsync(ServerSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult(_servers.GetOrAdd(spec.InstanceId,
            id => new ServerInfo(id, ServerStatuses.Active, "127.0.0.1", Interlocked.Increment(ref _nextPort), "simulated")));

    public Task<ServerInfo?> GetServerAsync(Guid instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_servers.TryGetValue(instanceId, out var server) ? server : null);

    public Task<IReadOnlyList<ServerInfo>> ListServersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServerInfo>>(_servers.Values.ToList());

    public Task ResizeVolumeAsync(Guid instanceId, int sizeGb, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ResizeFlavorAsync(Guid instanceId, int memoryMb, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RebootAsync(Guid instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteServerAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        _servers.TryRemove(instanceId, out _);
        return Task.CompletedTask;
    }
}
