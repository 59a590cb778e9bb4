using DbaaS.TaskManager.Workflows;
using Microsoft.Extensions.Options;

namespace DbaaS.IntegrationTests.TaskManager;

public sealed class ProvisioningGateTests
{
    [Fact]
    public async Task No_more_provisionings_than_configured_run_at_once_and_all_finish()
    {
        var gate = new ProvisioningGate(Options.Create(new WorkflowOptions { ConcurrentProvisioning = 3 }));
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var provisionings = Enumerable.Range(0, 10).Select(i => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None)).ToList();
        while (Volatile.Read(ref running) < 3) await Task.Delay(10);
        release.SetResult();

        Assert.Equal(Enumerable.Range(0, 10), await Task.WhenAll(provisionings));
        Assert.Equal(3, most);
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
