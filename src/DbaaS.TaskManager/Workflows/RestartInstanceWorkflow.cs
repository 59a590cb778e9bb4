using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;
using DbaaS.TaskManager.Compute;

namespace DbaaS.TaskManager.Workflows;

/// <summary>Restart: bring the server back first if its guest process is gone, then restart the engine through the guest.</summary>
public sealed class RestartInstanceWorkflow(GuestActionWorkflow workflow, IComputeDriver compute, IGuestClient guests, TimeProvider clock)
{
    public Task RunAsync(Guid taskId, CancellationToken cancellationToken) =>
        workflow.RunAsync(taskId, "restart", async (_, instance, step) =>
        {
            var deadline = workflow.Deadline();
            await step("server");
            var server = await compute.GetServerAsync(instance.Id, cancellationToken);
            if (server is null) throw new InvalidOperationException("the instance has no server");
            if (server.Status != ServerStatuses.Active) await compute.RebootAsync(instance.Id, cancellationToken);
            await step("guest restart");
            var answer = await Transient.RetryUntilAsync("guest restart", deadline, clock,
                remaining => guests.AnswerAsync(instance.Id, GuestMethods.Restart, null, remaining, cancellationToken), cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            return s =>
            {
                s.SetProperty(i => i.ServerStatus, ServerStatuses.Active);
                s.SetProperty(i => i.ServiceStatus, ServiceStatuses.Healthy);
                s.SetProperty(i => i.ServiceStatusUpdated, now);
                TaskStore.GuestAnswered(s, answer.Sent);
            };
        }, cancellationToken);
}
