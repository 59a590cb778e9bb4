using DbaaS.Contracts.Guest;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;

namespace DbaaS.TaskManager.Workflows;

/// <summary>Management stop: the guest stops its engine and remembers it, so nothing starts it again until restart.</summary>
public sealed class StopInstanceWorkflow(GuestActionWorkflow workflow, IGuestClient guests, TimeProvider clock)
{
    public Task RunAsync(Guid taskId, CancellationToken cancellationToken) =>
        workflow.RunAsync(taskId, "stop", async (_, instance, step) =>
        {
            await step("guest stop_db");
            var answer = await Transient.RetryUntilAsync("guest stop_db", workflow.Deadline(), clock,
                remaining => guests.AnswerAsync(instance.Id, GuestMethods.StopDb, null, remaining, cancellationToken), cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            return s =>
            {
                s.SetProperty(i => i.ServiceStatus, ServiceStatuses.Shutdown);
                s.SetProperty(i => i.ServiceStatusUpdated, now);
                TaskStore.GuestAnswered(s, answer.Sent);
            };
        }, cancellationToken);
}
