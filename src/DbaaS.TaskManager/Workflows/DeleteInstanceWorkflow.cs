using DbaaS.Core.Datastores;
using DbaaS.Core.Instances;
using DbaaS.Core.Quotas;
using DbaaS.TaskManager.Compute;
using DbaaS.TaskManager.Guests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// Delete: server (processes and data) → broker account → quota back and the row soft-deleted, the last two in one
/// transaction so the quota is returned exactly once however often the command is delivered.
/// </summary>
public sealed class DeleteInstanceWorkflow(
    TaskStore tasks, IComputeDriver compute, IGuestAccounts accounts, QuotaReservations quotas, CatalogCache catalog,
    TimeProvider clock, ILogger<DeleteInstanceWorkflow> log)
{
    static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    public async Task RunAsync(Guid taskId, CancellationToken cancellationToken)
    {
        if (await tasks.ClaimAsync(taskId, cancellationToken) is not var (task, instance)) return;
        var deadline = clock.GetUtcNow().UtcDateTime + Budget;
        var step = "server";
        try
        {
            await tasks.StepAsync(task, step, cancellationToken);
            await Transient.RetryUntilAsync(step, deadline, clock, _ => compute.DeleteServerAsync(instance.Id, cancellationToken), cancellationToken);
            await tasks.StepAsync(task, step = "broker account", cancellationToken);
            await Transient.RetryUntilAsync(step, deadline, clock, _ => accounts.DeleteAsync(instance.Id, cancellationToken), cancellationToken);

            await tasks.StepAsync(task, step = "records", cancellationToken);
            var snapshot = await catalog.GetAsync(cancellationToken);
            var ramMb = snapshot.FindFlavor(instance.FlavorId)?.RamMb ?? 0;
            await using var transaction = await tasks.Db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await tasks.EndActionAsync(instance.Id, taskId, s =>
                {
                    s.SetProperty(i => i.Deleted, true);
                    s.SetProperty(i => i.DeletedAt, now);
                    s.SetProperty(i => i.ServerStatus, ServerStatuses.Deleted);
                    s.SetProperty(i => i.ServiceStatus, ServiceStatuses.Shutdown);
                    s.SetProperty(i => i.BuildDeadline, (DateTime?)null);
                }, cancellationToken)) return;
            await quotas.ReleaseAsync(instance.ProjectId, InstanceService.UsageOf(ramMb, instance.VolumeSizeGb), cancellationToken);
            await tasks.FinishAsync(task, TaskStates.Succeeded, null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            log.LogInformation("Instance {InstanceId} deleted", instance.Id);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(ex, "Delete of instance {InstanceId} failed at step {Step}", instance.Id, step);
            var now = clock.GetUtcNow().UtcDateTime;
            tasks.Db.ChangeTracker.Clear();
            await tasks.EndActionAsync(instance.Id, taskId, s =>
            {
                s.SetProperty(i => i.ServerStatus, ServerStatuses.Error);
                TaskStore.Fault(s, "The instance could not be deleted; try deleting it again.", $"{ex.GetType().Name} at step {step}: {ex.Message}", now);
            }, CancellationToken.None);
            var fresh = await tasks.Db.InstanceTasks.FirstAsync(t => t.Id == taskId, CancellationToken.None);
            await tasks.FinishAsync(fresh, TaskStates.Failed, $"{step}: {ex.Message}", CancellationToken.None);
        }
    }
}
