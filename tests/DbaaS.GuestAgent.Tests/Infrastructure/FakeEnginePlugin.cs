using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Tests.Infrastructure;

/// <summary>
/// A pretend database server. It outlives the agents that drive it, as a real engine outlives its agent: a test
/// stops one agent and starts another against the same <see cref="FakeEngine"/>.
/// </summary>
public sealed class FakeEngine
{
    int _busy;
    int _maxBusy;

    public const string Version = "fake-engine 1.0";

    public volatile bool Running;
    public int Prepares;
    public int Starts;
    public int Stops;
    public int Restarts;
    public int AppliedMemoryMb;

    /// <summary>When set, prepare waits for it: a long prepare the test controls.</summary>
    public TaskCompletionSource? PrepareGate;

    /// <summary>When set, the next operation throws with this message.</summary>
    public string? FailNextWith;

    /// <summary>The most operations seen running at the same time.</summary>
    public int MaxConcurrentOperations => Volatile.Read(ref _maxBusy);

    public async Task RunAsync(Func<Task> operation)
    {
        var busy = Interlocked.Increment(ref _busy);
        int seen;
        while ((seen = Volatile.Read(ref _maxBusy)) < busy && Interlocked.CompareExchange(ref _maxBusy, busy, seen) != seen) { }
        try
        {
            if (Interlocked.Exchange(ref FailNextWith, null) is { } failure) throw new InvalidOperationException(failure);
            await Task.Delay(30); // long enough for an overlapping operation to show
            await operation();
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }
}

/// <summary>The guest agent's plugin for <see cref="FakeEngine"/>; "initialized" is a file in the data directory.</summary>
public sealed class FakeEnginePlugin(EngineContext context, FakeEngine engine) : IDatastorePlugin
{
    public const string ManagerName = "fake-engine";
    public const string DataFileName = "fake-data.bin";
    public const int DataFileBytes = 123_456;

    string InitializedMarker => Path.Combine(context.Config.DataDir, "fake-initialized");

    public string Manager => ManagerName;

    public bool IsInitialized => File.Exists(InitializedMarker);

    public async Task<PrepareResult> PrepareAsync(PrepareArgs args, CancellationToken cancellationToken)
    {
        if (engine.PrepareGate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        await engine.RunAsync(() =>
        {
            Interlocked.Increment(ref engine.Prepares);
            Directory.CreateDirectory(context.Config.DataDir);
            File.WriteAllBytes(Path.Combine(context.Config.DataDir, DataFileName), new byte[DataFileBytes]);
            File.WriteAllText(InitializedMarker, "");
            engine.Running = true;
            return Task.CompletedTask;
        });
        return new PrepareResult(FakeEngine.Version);
    }

    public Task StartAsync(CancellationToken cancellationToken) => engine.RunAsync(() =>
    {
        Interlocked.Increment(ref engine.Starts);
        engine.Running = true;
        return Task.CompletedTask;
    });

    public Task StopAsync(CancellationToken cancellationToken) => engine.RunAsync(() =>
    {
        Interlocked.Increment(ref engine.Stops);
        engine.Running = false;
        return Task.CompletedTask;
    });

    public Task RestartAsync(CancellationToken cancellationToken) => engine.RunAsync(() =>
    {
        Interlocked.Increment(ref engine.Restarts);
        engine.Running = true;
        return Task.CompletedTask;
    });

    public Task<string> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(engine.Running ? GuestServiceStatus.Running : GuestServiceStatus.Shutdown);

    public Task ApplyFlavorAsync(int memoryMb, CancellationToken cancellationToken) => engine.RunAsync(() =>
    {
        engine.AppliedMemoryMb = memoryMb;
        engine.Running = true;
        return Task.CompletedTask;
    });
}
