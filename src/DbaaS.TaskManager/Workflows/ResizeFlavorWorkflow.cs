using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;
using DbaaS.Core.Quotas;
using DbaaS.TaskManager.Compute;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// Resize flavor: the server records the new memory size, the guest re-renders its engine's memory settings and
/// restarts it. On failure the old size is put back and the reserved RAM quota returned.
/// </summary>
public sealed class ResizeFlavorWorkflow(GuestActionWorkflow workflow, IComputeDriver compute, IGuestClient guests, QuotaReservations quotas, TimeProvider clock)
{
    public Task RunAsync(Guid taskId, CancellationToken cancellationToken) =>
        workflow.RunAsync(taskId, "resize flavor", async (task, instance, step) =>
        {
            var args = task.Args.Deserialize<ResizeFlavorTaskArgs>()!;
            await step("server memory");
            await compute.ResizeFlavorAsync(instance.Id, args.NewRamMb, cancellationToken);
            await step("guest apply_flavor");
            var answer = await Transient.RetryUntilAsync("guest apply_flavor", workflow.Deadline(), clock,
                remaining => guests.AnswerAsync(instance.Id, GuestMethods.ApplyFlavor, new ApplyFlavorArgs(args.NewRamMb), remaining, cancellationToken),
                cancellationToken);
            // A smaller flavor frees RAM quota only once the instance really runs on it.
            if (args.NewRamMb < args.OldRamMb)
                await quotas.ReleaseAsync(instance.ProjectId, new Dictionary<string, int> { [QuotaResources.Ram] = args.OldRamMb - args.NewRamMb }, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            return s =>
            {
                s.SetProperty(i => i.FlavorId, args.NewFlavorId);
                s.SetProperty(i => i.ServiceStatus, ServiceStatuses.Healthy);
                s.SetProperty(i => i.ServiceStatusUpdated, now);
                TaskStore.GuestAnswered(s, answer.Sent);
            };
        }, cancellationToken, undo: async (task, instance) =>
        {
            var args = task.Args.Deserialize<ResizeFlavorTaskArgs>()!;
            await compute.ResizeFlavorAsync(instance.Id, args.OldRamMb, CancellationToken.None);
            if (args.NewRamMb > args.OldRamMb)
                await quotas.ReleaseAsync(instance.ProjectId, new Dictionary<string, int> { [QuotaResources.Ram] = args.NewRamMb - args.OldRamMb }, CancellationToken.None);
        });
}
