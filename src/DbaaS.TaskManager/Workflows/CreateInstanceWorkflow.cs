using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Datastores;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;
using DbaaS.TaskManager.Compute;
using DbaaS.TaskManager.Guests;
using Microsoft.Extensions.Logging;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// Create: broker account → server (guest process) → guest prepare → ACTIVE. Every step is idempotent, so a
/// redelivered command after a taskmanager crash runs the workflow again from the top and converges on one server.
/// A transient failure is retried until the build deadline; then the build ends in BUILDING_ERROR_TIMEOUT_GA.
/// </summary>
public sealed class CreateInstanceWorkflow(
    TaskStore tasks, IGuestAccounts accounts, IComputeDriver compute, IGuestClient guests, CatalogCache catalog,
    BuildFailures failures, ProvisioningGate provisioning, GuestKeyProtector guestKeys, TimeProvider clock, ILogger<CreateInstanceWorkflow> log)
{
    public async Task RunAsync(Guid taskId, CancellationToken cancellationToken)
    {
        // Everything but the wait for the guest's prepare runs inside the gate (see ProvisioningGate).
        using var slot = await provisioning.EnterAsync(cancellationToken);
        // The claim is written with the first step below (one commit less); both paths record a step before any
        // broker, compute or guest call.
        if (await tasks.ClaimAsync(taskId, cancellationToken, save: false) is not var (task, instance)) return;
        var deadline = instance.BuildDeadline ?? clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        var step = "starting";
        try
        {
            var snapshot = await catalog.GetAsync(cancellationToken);
            var version = snapshot.FindVersion(instance.DatastoreVersionId) ?? throw new InvalidOperationException("datastore version vanished");
            var flavor = snapshot.FindFlavor(instance.FlavorId) ?? throw new InvalidOperationException($"flavor {instance.FlavorId} vanished");

            // Resuming after a crash: a server whose guest is alive is kept as it is. Making its account again would
            // change the guest's password and restart the guest in the middle of its prepare.
            var server = await compute.GetServerAsync(instance.Id, cancellationToken);
            if (server?.Status != ServerStatuses.Active)
            {
                await tasks.StepAsync(task, step = "broker account", cancellationToken);
                var rabbit = await Transient.RetryUntilAsync(step, deadline, clock, _ => accounts.CreateAsync(instance.Id, cancellationToken), cancellationToken, slot);

                await tasks.StepAsync(task, step = "server", cancellationToken);
                var spec = new ServerSpec(instance.Id, version.Manager, version.Version, flavor.RamMb, instance.VolumeSizeGb,
                    guestKeys.Unprotect(instance.Id, instance.GuestKey), rabbit);
                server = await Transient.RetryUntilAsync(step, deadline, clock, _ => compute.CreateServerAsync(spec, cancellationToken), cancellationToken, slot);
            }
            if (!await tasks.UpdateInstanceAndStepAsync(task, s =>
                {
                    s.SetProperty(i => i.ServerStatus, server.Status);
                    s.SetProperty(i => i.Hostname, server.Hostname);
                    s.SetProperty(i => i.Port, server.Port);
                    s.SetProperty(i => i.ServiceStatus, ServiceStatuses.Building);
                }, step = "guest prepare", cancellationToken)) return;

            var args = task.Args.Deserialize<CreateTaskArgs>() ?? new CreateTaskArgs([], []);
            var prepare = new PrepareArgs(flavor.RamMb, instance.VolumeSizeGb, args.Databases, args.Users);
            var answer = await slot.OutsideAsync(() => Transient.RetryUntilAsync(step, deadline, clock,
                remaining => guests.AnswerAsync(instance.Id, GuestMethods.Prepare, prepare, remaining, cancellationToken), cancellationToken), cancellationToken);
            var result = answer.Result.Deserialize(GuestJson.Default.PrepareResult);

            var now = clock.GetUtcNow().UtcDateTime;
            // The passwords were for the guest only; the task row keeps the names.
            var scrubbed = new CreateTaskArgs(args.Databases, args.Users.Select(u => u with { Password = "" }).ToList());
            if (!await tasks.EndActionAndSucceedAsync(task, s =>
                {
                    s.SetProperty(i => i.BuildDeadline, (DateTime?)null);
                    s.SetProperty(i => i.ServiceStatus, ServiceStatuses.Healthy);
                    TaskStore.GuestAnswered(s, answer.Sent);
                    s.SetProperty(i => i.ServiceStatusUpdated, now);
                    s.SetProperty(i => i.EngineVersion, result?.EngineVersion);
                }, JsonSerializer.SerializeToDocument(scrubbed), cancellationToken)) return;
            log.LogInformation("Instance {InstanceId} is ACTIVE on {Host}:{Port}", instance.Id, server.Hostname, server.Port);
        }
        catch (TimeoutException ex)
        {
            await failures.FailAsync(instance.Id, InstanceTasks.BuildingErrorTimeoutGuestAgent,
                "The instance did not become ready in time: the build was stopped and its server removed. Delete the instance and try again.",
                $"{ex.Message} (step: {step})", CancellationToken.None);
        }
        catch (GuestCallFailedException ex)
        {
            await failures.FailAsync(instance.Id, InstanceTasks.BuildingErrorGuest,
                $"The database could not be prepared: {ex.Message}", $"guest prepare failed ({ex.ErrorType})", CancellationToken.None);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !Transient.IsTransient(ex))
        {
            await failures.FailAsync(instance.Id, InstanceTasks.BuildingErrorServer,
                "The server for this instance could not be created.", $"{ex.GetType().Name} at step {step}: {ex.Message}", CancellationToken.None);
        }
    }
}
