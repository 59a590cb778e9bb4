using DbaaS.Contracts.Datastores;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;
using DbaaS.Core.Instances;

namespace DbaaS.Core.Access;

/// <summary>The instance a database, user or root call goes to, with its engine's name rules.</summary>
public sealed record AccessTarget(Instance Instance, string DatastoreName, string Manager, EngineObjectRules Rules)
{
    /// <summary>A 400 naming the datastore and what it lacks, before anything is sent to the guest.</summary>
    public void Require(string capability, string what)
    {
        if (!DatastoreCapabilities.Supports(Manager, capability))
            throw new BadRequestException($"Datastore {DatastoreName} does not support {what} (it lacks the '{capability}' capability).");
    }
}

/// <summary>Finds the tenant's instance for a database, user or root call and checks it can take one now.</summary>
public sealed class AccessTargets(InstanceService instances, CatalogCache catalog)
{
    /// <summary>The tenant's instance (404 when not its own), ACTIVE (else 422 saying its status), then able to do <paramref name="capability"/> (else 400).</summary>
    public async Task<AccessTarget> FindAsync(string projectId, string instanceId, string capability, string what, CancellationToken cancellationToken)
    {
        var instance = await instances.GetAsync(projectId, instanceId, cancellationToken);
        var status = InstanceStatus.Derive(instance.TaskStatus, instance.ServerStatus, instance.ServiceStatus);
        if (status != "ACTIVE")
            throw new UnprocessableException($"Instance {instance.Id} is not ready: its status is {status}, it must be ACTIVE.");
        var target = await TargetOfAsync(instance, cancellationToken);
        target.Require(capability, what);
        return target;
    }

    async Task<AccessTarget> TargetOfAsync(Instance instance, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var version = snapshot.FindVersion(instance.DatastoreVersionId)
                      ?? throw new InvalidOperationException($"Instance {instance.Id} names datastore version {instance.DatastoreVersionId}, which is not in the catalog.");
        return new AccessTarget(instance, snapshot.DatastoreOf(version).Name, version.Manager, EngineObjectRules.For(version.Manager));
    }
}
