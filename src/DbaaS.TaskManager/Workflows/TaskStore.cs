using System.Text.Json;
using DbaaS.Core.Data;
using DbaaS.Core.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// The workflows' bookkeeping. A task is claimed only while it is unfinished and still the instance's current
/// task; every later write to the instance is conditional on that, so a task superseded by an admin reset stops
/// touching the instance (its writes report false and the workflow returns).
/// </summary>
public sealed class TaskStore(DbaaSDbContext db, TimeProvider clock)
{
    public DbaaSDbContext Db => db;

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <returns>null when the task is finished, unknown, or no longer the instance's current task (idempotency by task id).</returns>
    /// <param name="save">
    /// False: the claim (running, one more attempt) is only marked here and written with the workflow's first
    /// <see cref="StepAsync"/>, one commit instead of two; the workflow must record a step before its first long or
    /// irreversible call, so a taskmanager killed in it has counted the attempt.
    /// </param>
    public async Task<(InstanceTask Task, Instance Instance)?> ClaimAsync(Guid taskId, CancellationToken cancellationToken, bool save = true)
    {
        // The task and its instance in one query; then only the task is tracked (the claim and the steps write it),
        // and the workflows change their copy of the instance freely: only the conditional updates below write it.
        var found = await db.InstanceTasks.AsNoTracking().Where(t => t.Id == taskId)
            .Join(db.Instances, t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, Instance = i })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        var (task, instance) = (found.Task, found.Instance);
        db.InstanceTasks.Attach(task);
        if (task.State is TaskStates.Succeeded or TaskStates.Failed) return null;
        if (instance.CurrentTaskId != taskId)
        {
            await FinishAsync(task, TaskStates.Failed, "superseded: the instance's task was reset before this one finished", cancellationToken);
            return null;
        }
        task.State = TaskStates.Running;
        task.Attempts++;
        task.Updated = Now;
        if (save) await db.SaveChangesAsync(cancellationToken);
        return (task, instance);
    }

    public async Task StepAsync(InstanceTask task, string step, CancellationToken cancellationToken)
    {
        task.Step = step;
        task.Updated = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task FinishAsync(InstanceTask task, string state, string? message, CancellationToken cancellationToken, JsonDocument? args = null)
    {
        task.State = state;
        task.Message = message;
        task.Finished = Now;
        task.Updated = Now;
        if (args is not null) task.Args = args;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes to the instance only while <paramref name="taskId"/> is its current task.</summary>
    public async Task<bool> UpdateInstanceAsync(Guid instanceId, Guid taskId, Action<UpdateSettersBuilder<Instance>> set, CancellationToken cancellationToken)
    {
        var now = Now;
        var updated = await db.Instances.Where(i => i.Id == instanceId && i.CurrentTaskId == taskId && !i.Deleted)
            .ExecuteUpdateAsync(s =>
            {
                set(s);
                s.SetProperty(i => i.Updated, now);
            }, cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// <see cref="UpdateInstanceAsync"/> and the task's next step in one transaction (one commit, one notification
    /// fewer to wait for); nothing is written when the task is no longer the instance's current one.
    /// </summary>
    public async Task<bool> UpdateInstanceAndStepAsync(InstanceTask task, Action<UpdateSettersBuilder<Instance>> set, string step, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // No SAVEPOINT around SaveChanges (two more round trips): a failed save ends the transaction anyway.
        db.Database.AutoSavepointsEnabled = false;
        if (!await UpdateInstanceAsync(task.InstanceId, task.Id, set, cancellationToken)) return false;
        await StepAsync(task, step, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// <see cref="EndActionAsync"/> and <see cref="FinishAsync"/> (succeeded) in one transaction: the instance is
    /// free and its task done at the same instant, or neither.
    /// </summary>
    public async Task<bool> EndActionAndSucceedAsync(InstanceTask task, Action<UpdateSettersBuilder<Instance>> set, JsonDocument? args, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        if (!await EndActionAsync(task.InstanceId, task.Id, set, cancellationToken)) return false;
        await FinishAsync(task, TaskStates.Succeeded, null, cancellationToken, args);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Ends the instance's current action: no task, and whatever else <paramref name="set"/> records.</summary>
    public Task<bool> EndActionAsync(Guid instanceId, Guid taskId, Action<UpdateSettersBuilder<Instance>> set, CancellationToken cancellationToken) =>
        UpdateInstanceAsync(instanceId, taskId, s =>
        {
            s.SetProperty(i => i.TaskStatus, InstanceTasks.None);
            s.SetProperty(i => i.CurrentTaskId, (Guid?)null);
            set(s);
        }, cancellationToken);

    /// <summary>
    /// Records the guest's time of the answer a workflow acts on (its clock, as heartbeats carry): from then on the
    /// conductor drops every heartbeat whose state the guest read before answering, so a status the workflow sets
    /// is not undone by a report that was already on its way. Never moves the time back.
    /// </summary>
    public static void GuestAnswered(UpdateSettersBuilder<Instance> s, DateTimeOffset? sent)
    {
        if (sent is not { } at) return;
        DateTime? time = at.UtcDateTime;
        s.SetProperty(i => i.GuestLastSent, i => i.GuestLastSent != null && i.GuestLastSent > time ? i.GuestLastSent : time);
    }

    /// <summary>Saves a fault users can read on GET (Trove's <c>save_instance_fault</c>).</summary>
    public static void Fault(UpdateSettersBuilder<Instance> s, string message, string details, DateTime now)
    {
        s.SetProperty(i => i.FaultMessage, message);
        s.SetProperty(i => i.FaultDetails, details);
        s.SetProperty(i => i.FaultCreated, now);
    }

    public DateTime UtcNow => Now;
}
