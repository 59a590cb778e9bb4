using DbaaS.Core.Instances;
using DbaaS.TaskManager.Compute;
using DbaaS.TaskManager.Guests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// Ends a build that cannot finish: an error task with a fault users can read, and the server and broker account it
/// took given back. The quota stays with the instance until the tenant deletes it, as in Trove.
/// </summary>
public sealed class BuildFailures(TaskStore tasks, IComputeDriver compute, IGuestAccounts accounts, ILogger<BuildFailures> log)
{
    /// <returns>false when the build had already ended (finished, failed, reset or deleted).</returns>
    public async Task<bool> FailAsync(Guid instanceId, string errorTask, string message, string details, CancellationToken cancellationToken)
    {
        var now = tasks.UtcNow;
        var taskId = await tasks.Db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.CurrentTaskId).FirstOrDefaultAsync(cancellationToken);
        var ended = await tasks.Db.Instances
            .Where(i => i.Id == instanceId && i.TaskStatus == InstanceTasks.Building && !i.Deleted && i.CurrentTaskId == taskId)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(i => i.TaskStatus, errorTask);
                s.SetProperty(i => i.BuildDeadline, (DateTime?)null);
                s.SetProperty(i => i.Updated, now);
                TaskStore.Fault(s, message, details, now);
            }, cancellationToken);
        if (ended == 0) return false;
        log.LogWarning("Build of instance {InstanceId} ended in {TaskStatus}: {Details}", instanceId, errorTask, details);
        if (taskId is { } id)
            await tasks.Db.InstanceTasks.Where(t => t.Id == id && (t.State == TaskStates.Pending || t.State == TaskStates.Running))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TaskStates.Failed).SetProperty(t => t.Message, details)
                    .SetProperty(t => t.Finished, now).SetProperty(t => t.Updated, now), cancellationToken);
        try
        {
            await compute.DeleteServerAsync(instanceId, cancellationToken);
            await accounts.DeleteAsync(instanceId, cancellationToken);
            await tasks.Db.Instances.Where(i => i.Id == instanceId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ServerStatus, ServerStatuses.Deleted), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Delete retries this: the instance stays deletable.
            log.LogWarning(ex, "Could not free the server of failed instance {InstanceId}; deleting the instance will", instanceId);
        }
        return true;
    }
}
