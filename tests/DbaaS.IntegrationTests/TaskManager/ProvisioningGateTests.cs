using DbaaS.TaskManager.Workflows;
using Microsoft.Extensions.Options;

namespace DbaaS.IntegrationTests.TaskManager;

public sealed class ProvisioningGateTests
{
    static ProvisioningGate Gate(int slots) => new(Options.Create(new WorkflowOptions { ConcurrentProvisioning = slots }));

    [Fact]
    public async Task No_more_builds_than_configured_work_at_once_and_all_finish()
    {
        var gate = Gate(3);
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var builds = Enumerable.Range(0, 10).Select(async i =>
        {
            using var slot = await gate.EnterAsync(CancellationToken.None);
            InterlockedMax(ref most, Interlocked.Increment(ref running));
            await release.Task;
            Interlocked.Decrement(ref running);
            return i;
        }).ToList();
        while (Volatile.Read(ref running) < 3) await Task.Delay(10);
        release.SetResult();

        Assert.Equal(Enumerable.Range(0, 10), await Task.WhenAll(builds));
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task A_build_waiting_for_its_guest_leaves_its_place_to_another_and_takes_one_back_afterwards()
    {
        var gate = Gate(1);
        var guestAnswers = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waitingForGuest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(async () =>
        {
            using var slot = await gate.EnterAsync(CancellationToken.None);
            return await slot.OutsideAsync(() =>
            {
                waitingForGuest.SetResult();
                return guestAnswers.Task;
            }, CancellationToken.None);
        });
        await waitingForGuest.Task;

        // The only place is free while the first build waits: a second build gets it.
        var second = await gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        guestAnswers.SetResult("prepared");
        await Task.Delay(100);
        Assert.False(first.IsCompleted, "the first build went on without its place back");

        second.Dispose();
        Assert.Equal("prepared", await first.WaitAsync(TimeSpan.FromSeconds(30)));
        // Both places were given back: the gate admits again.
        (await gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task Cancelled_while_queueing_for_its_place_back_gives_nothing_back_twice()
    {
        var gate = Gate(1);
        using var cancel = new CancellationTokenSource();
        var slot = await gate.EnterAsync(CancellationToken.None);
        var holder = default(ProvisioningGate.Slot);
        var outside = slot.OutsideAsync(async () =>
        {
            holder = await gate.EnterAsync(CancellationToken.None);
            return 1;
        }, cancel.Token);
        while (holder is null) await Task.Delay(10);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outside);
        slot.Dispose(); // holds nothing: must not free a place the holder still has
        var third = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted, "a place was given back that was not held");
        holder.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task A_build_retrying_a_transient_failure_leaves_its_place_to_another_between_attempts()
    {
        var gate = Gate(1);
        var attempts = 0;
        var firstFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var retrying = Task.Run(async () =>
        {
            using var slot = await gate.EnterAsync(CancellationToken.None);
            return await Transient.RetryUntilAsync("broker account", DateTime.UtcNow.AddMinutes(1), TimeProvider.System, _ =>
            {
                if (Interlocked.Increment(ref attempts) > 1) return Task.FromResult("account");
                firstFailed.SetResult();
                throw new HttpRequestException("management API not there yet");
            }, CancellationToken.None, slot);
        });
        await firstFailed.Task;

        var other = await gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(500); // more than the 200 ms pause before the second attempt
        Assert.Equal(1, Volatile.Read(ref attempts)); // the second attempt waits for its place back
        other.Dispose();

        Assert.Equal("account", await retrying.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, attempts);
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
