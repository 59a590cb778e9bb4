using DbaaS.Core.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// The ritual shared by the actions on a running instance (restart, resize, stop, reboot): claim the task, run the
/// steps, then end the action recording success, or a failure with <paramref name="undo"/> run first. The task row
/// keeps the failure; the instance's status comes back from the guest's next heartbeat.
/// </summary>
public sealed class GuestActionWorkflow(TaskStore tasks, TimeProvider clock, IOptions<WorkflowOptions> options, ILogger<GuestActionWorkflow> log)
{
    public TimeSpan GuestTimeout => TimeSpan.FromSeconds(options.Value.GuestActionTimeoutSeconds);

    public DateTime Deadline() => clock.GetUtcNow().UtcDateTime + GuestTimeout;

    public async Task RunAsync(
        Guid taskId, string action,
        Func<InstanceTask, Instance, Func<string, Task>, Task<Action<UpdateSettersBuilder<Instance>>>> steps,
        CancellationToken cancellationToken,
        Func<InstanceTask, Instance, Task>? undo = null)
    {
        if (await tasks.ClaimAsync(taskId, cancellationToken) is not var (task, instance)) return;
        var step = "starting";
        try
        {
            var onSuccess = await steps(task, instance, async name => await tasks.StepAsync(task, step = name, cancellationToken));
            if (!await tasks.EndActionAsync(instance.Id, taskId, onSuccess, cancellationToken)) return;
            await tasks.FinishAsync(task, TaskStates.Succeeded, null, cancellationToken);
            log.LogInformation("{Action} of instance {InstanceId} done", action, instance.Id);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(ex, "{Action} of instance {InstanceId} failed at step {Step}", action, instance.Id, step);
            tasks.Db.ChangeTracker.Clear();
            if (undo is not null)
                try { await undo(task, instance); }
                catch (Exception undoError) { log.LogError(undoError, "Undoing {Action} of instance {InstanceId} failed", action, instance.Id); }
            await tasks.EndActionAsync(instance.Id, taskId, _ => { }, CancellationToken.None);
            var fresh = await tasks.Db.InstanceTasks.FirstAsync(t => t.Id == taskId, CancellationToken.None);
            await tasks.FinishAsync(fresh, TaskStates.Failed, $"{action} failed at {step}: {ex.Message}", CancellationToken.None);
        }
    }
}
