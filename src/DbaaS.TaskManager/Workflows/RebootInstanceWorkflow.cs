using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;
using DbaaS.TaskManager.Compute;

namespace DbaaS.TaskManager.Workflows;

/// <summary>Management reboot: restart the server (the guest process); the guest starts its engine again unless it was stopped.</summary>
public sealed class RebootInstanceWorkflow(GuestActionWorkflow workflow, IComputeDriver compute, IGuestClient guests, TimeProvider clock)
{
    public Task RunAsync(Guid taskId, CancellationToken cancellationToken) =>
        workflow.RunAsync(taskId, "reboot", async (_, instance, step) =>
        {
            var deadline = workflow.Deadline();
            await step("server reboot");
            await compute.RebootAsync(instance.Id, cancellationToken);
            await step("guest ping");
            await Transient.RetryUntilAsync("guest ping", deadline, clock,
                remaining => guests.CallAsync(instance.Id, GuestMethods.RpcPing, null, remaining, cancellationToken), cancellationToken);
            return s => s.SetProperty(i => i.ServerStatus, ServerStatuses.Active);
        }, cancellationToken);
}
