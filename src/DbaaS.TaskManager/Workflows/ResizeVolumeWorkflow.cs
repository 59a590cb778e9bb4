using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;
using DbaaS.Core.Quotas;
using DbaaS.TaskManager.Compute;

namespace DbaaS.TaskManager.Workflows;

/// <summary>Resize volume: the server's size limit, then the guest's; on failure the reserved quota goes back.</summary>
public sealed class ResizeVolumeWorkflow(GuestActionWorkflow workflow, IComputeDriver compute, IGuestClient guests, QuotaReservations quotas, TimeProvider clock)
{
    public Task RunAsync(Guid taskId, CancellationToken cancellationToken) =>
        workflow.RunAsync(taskId, "resize volume", async (task, instance, step) =>
        {
            var args = task.Args.Deserialize<ResizeVolumeTaskArgs>()!;
            await step("server volume");
            await compute.ResizeVolumeAsync(instance.Id, args.NewSizeGb, cancellationToken);
            await step("guest resize_volume");
            await Transient.RetryUntilAsync("guest resize_volume", workflow.Deadline(), clock,
                remaining => guests.CallAsync(instance.Id, GuestMethods.ResizeVolume, new ResizeVolumeArgs(args.NewSizeGb), remaining, cancellationToken),
                cancellationToken);
            return s => s.SetProperty(i => i.VolumeSizeGb, args.NewSizeGb);
        }, cancellationToken, undo: async (task, instance) =>
        {
            var args = task.Args.Deserialize<ResizeVolumeTaskArgs>()!;
            await compute.ResizeVolumeAsync(instance.Id, args.OldSizeGb, CancellationToken.None);
            await quotas.ReleaseAsync(instance.ProjectId, new Dictionary<string, int> { [QuotaResources.Volumes] = args.NewSizeGb - args.OldSizeGb }, CancellationToken.None);
        });
}
