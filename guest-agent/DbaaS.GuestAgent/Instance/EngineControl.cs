using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Instance;

/// <summary>
/// The engine operations, one at a time (a restart must never overlap a prepare or a stop), each keeping
/// <see cref="InstanceState"/> true: stop_db leaves a marker that start_db, restart and prepare clear.
/// </summary>
public sealed class EngineControl(IDatastorePlugin plugin, InstanceState state, IGuestLog log)
{
    readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Raised after every operation, so a heartbeat can tell the control plane at once.</summary>
    public event Action? Changed;

    public IDatastorePlugin Plugin => plugin;

    public async Task<PrepareResult> PrepareAsync(PrepareArgs args, CancellationToken cancellationToken)
    {
        // "building" from the moment prepare arrives, also while it waits for an operation before it.
        state.PrepareStarted();
        string? failure = null;
        try
        {
            return await OneAtATime("prepare", async () =>
            {
                state.ClearStoppedByUser();
                var result = await plugin.PrepareAsync(args, cancellationToken);
                state.RememberEngineVersion(result.EngineVersion);
                // The flavor and volume prepare was given win over guest.json's, for the next agent too.
                if (args.MemoryMb != state.MemoryMb) state.ChangeMemory(args.MemoryMb);
                if (args.VolumeSizeGb != state.VolumeSizeGb) state.ResizeVolume(args.VolumeSizeGb);
                return result;
            }, cancellationToken);
        }
        catch (Exception exception)
        {
            failure = exception.Message;
            throw;
        }
        finally
        {
            state.PrepareEnded(failure);
            Changed?.Invoke();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => OneAtATime("start_db", async () =>
    {
        state.ClearStoppedByUser();
        await plugin.StartAsync(cancellationToken);
        return true;
    }, cancellationToken);

    /// <summary>The marker is written first: an agent that dies mid-stop must not start the engine when it comes back.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => OneAtATime("stop_db", async () =>
    {
        state.MarkStoppedByUser();
        await plugin.StopAsync(cancellationToken);
        return true;
    }, cancellationToken);

    public Task RestartAsync(CancellationToken cancellationToken) => OneAtATime("restart", async () =>
    {
        state.ClearStoppedByUser();
        await plugin.RestartAsync(cancellationToken);
        return true;
    }, cancellationToken);

    public Task ApplyFlavorAsync(int memoryMb, CancellationToken cancellationToken) => OneAtATime("apply_flavor", async () =>
    {
        await plugin.ApplyFlavorAsync(memoryMb, cancellationToken);
        state.ChangeMemory(memoryMb);
        return true;
    }, cancellationToken);

    /// <summary>
    /// A database, user or root operation, in turn with the lifecycle operations (never during a restart or prepare).
    /// </summary>
    public Task<T> AdministerAsync<T>(string operation, Func<IAccessAdministration, Task<T>> work, CancellationToken cancellationToken)
    {
        var access = plugin as IAccessAdministration
            ?? throw new NotSupportedException($"{plugin.Manager}: databases, users and root are not supported by this datastore");
        return OneAtATime(operation, () => work(access), cancellationToken);
    }

    /// <summary>
    /// At agent start: bring up a prepared engine unless the user stopped it. The plugin adopts an engine that
    /// outlived a previous agent instead of starting a second one.
    /// </summary>
    public Task StartOnBootAsync(CancellationToken cancellationToken) => OneAtATime("start on boot", async () =>
    {
        if (!plugin.IsInitialized)
            log.Info("engine not prepared yet: waiting for prepare");
        else if (state.IsStoppedByUser)
            log.Info("engine was stopped by the user (stop_db): leaving it stopped");
        else
            await plugin.StartAsync(cancellationToken);
        return true;
    }, cancellationToken);

    async Task<T> OneAtATime<T>(string operation, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        var started = DateTimeOffset.UtcNow;
        log.Info($"{operation}: started");
        try
        {
            var result = await work();
            log.Info($"{operation}: done in {(DateTimeOffset.UtcNow - started).TotalMilliseconds:0} ms");
            return result;
        }
        catch (Exception exception)
        {
            log.Error($"{operation}: failed after {(DateTimeOffset.UtcNow - started).TotalMilliseconds:0} ms", exception);
            throw;
        }
        finally
        {
            _oneAtATime.Release();
            Changed?.Invoke();
        }
    }
}
