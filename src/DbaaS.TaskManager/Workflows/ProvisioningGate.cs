using Microsoft.Extensions.Options;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// How many creates may provision at once (broker account, then server) in this taskmanager process. These steps
/// spend CPU, mostly the broker's (two management API calls per account); the long part of a build, the guest's
/// prepare, only waits and is not limited. Without a limit, a burst of creates runs 32 provisionings side by side
/// and they take the CPU the API needs to accept the next creates (docs/benchmarks.md: 1,000 creates accepted in
/// 4 s instead of 6 s, ACTIVE about as soon).
/// </summary>
public sealed class ProvisioningGate(IOptions<WorkflowOptions> options)
{
    readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.ConcurrentProvisioning));

    public async Task<T> RunAsync<T>(Func<Task<T>> provision, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await provision();
        }
        finally
        {
            _slots.Release();
        }
    }
}
