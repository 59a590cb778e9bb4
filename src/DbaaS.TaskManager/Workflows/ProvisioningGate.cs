using Microsoft.Extensions.Options;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// How many creates may do the taskmanager's own work at once in this process: claiming the task, the broker
/// account, the server, and the writes that record each step. That work spends CPU (the broker's on the account,
/// PostgreSQL's on the writes) that the API on the same host needs to accept the next creates: without a limit,
/// a burst of 1,000 creates ran 32 builds side by side and was accepted more slowly (docs/benchmarks.md).
/// Waiting for the guest's prepare, the long part of a real build, is done outside the gate
/// (<see cref="Slot.OutsideAsync{T}"/>), so the number of builds in flight is not limited by it.
/// </summary>
public sealed class ProvisioningGate(IOptions<WorkflowOptions> options)
{
    readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.ConcurrentProvisioning));

    public async Task<Slot> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    /// <summary>A place in the gate, given back when disposed.</summary>
    public sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        bool _held = true;

        /// <summary>Gives the place up while <paramref name="wait"/> runs, then queues for one again.</summary>
        public async Task<T> OutsideAsync<T>(Func<Task<T>> wait, CancellationToken cancellationToken)
        {
            Release();
            try
            {
                return await wait();
            }
            finally
            {
                // Cancelled while queueing: nothing is held, and Dispose has nothing to give back.
                await slots.WaitAsync(cancellationToken);
                _held = true;
            }
        }

        public void Dispose() => Release();

        void Release()
        {
            if (!_held) return;
            _held = false;
            slots.Release();
        }
    }
}
