using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.Contracts.Tasks;
using DbaaS.Core.Data;
using DbaaS.Core.Data.Outbox;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;
using DbaaS.Core.Guests;
using DbaaS.Core.Identity;
using DbaaS.Core.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Instances;

public sealed record InstancePage(IReadOnlyList<Instance> Items, Guid? NextMarker);

/// <summary>
/// Tenant operations on instances. Each change commits the instance row, its task and the command for the
/// taskmanager in one transaction (the outbox), with quota reserved in the same transaction.
/// </summary>
public sealed class InstanceService(
    DbaaSDbContext db, CatalogCache catalog, QuotaReservations quotas, IOptions<InstanceOptions> options, TimeProvider clock,
    InstanceReadCache readCache, GuestKeyProtector guestKeys)
{
    public async Task<Instance> CreateAsync(AuthContext caller, CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var (datastore, version) = ResolveDatastore(snapshot, request.DatastoreType, request.DatastoreVersion);
        var flavor = snapshot.FindFlavor(request.FlavorRef) ?? throw new NotFoundException($"Flavor {request.FlavorRef} could not be found.");
        if (!snapshot.FlavorsFor(version).Contains(flavor))
            throw new BadRequestException($"Flavor {flavor.Id} is not allowed for datastore {datastore.Name} version {version.Name}.");
        if (request.VolumeSizeGb > options.Value.MaxVolumeSizeGb)
            throw new BadRequestException($"Volume size {request.VolumeSizeGb} GB is larger than the maximum allowed, {options.Value.MaxVolumeSizeGb} GB.");
        var users = InitialObjectRules.Validate(version, datastore.Name, request.Databases, request.Users);

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        var instance = new Instance
        {
            Id = id,
            ProjectId = caller.ProjectId,
            Name = request.Name,
            FlavorId = flavor.Id,
            DatastoreVersionId = version.Id,
            VolumeSizeGb = request.VolumeSizeGb,
            GuestKey = guestKeys.Protect(id, EnvelopeSeal.NewKey()),
            TaskStatus = InstanceTasks.Building,
            BuildDeadline = now.AddSeconds(options.Value.BuildTimeoutSeconds),
            Created = now,
            Updated = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // No SAVEPOINT around SaveChanges (two more round trips): a failed save ends the transaction anyway.
        db.Database.AutoSavepointsEnabled = false;
        db.Instances.Add(instance);
        var task = NewTask(instance, TaskKinds.Create, caller, new CreateTaskArgs(request.Databases, users));
        db.Enqueue(new CreateInstance(task.Id, instance.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        await WakeRelayAsync(cancellationToken);
        // Last: the project's usage rows stay locked from here to the commit, and every other create of the project
        // waits on them (over the limit, the rollback undoes the rows above).
        await quotas.ReserveAsync(caller.ProjectId, UsageOf(flavor.RamMb, request.VolumeSizeGb), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        readCache.Changed(instance.Id, instance.ProjectId, listingChanged: true);
        return instance;
    }

    public async Task<InstancePage> ListAsync(string? projectId, bool? deleted, int? limit, string? marker, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(limit ?? options.Value.DefaultPageSize, 1, options.Value.MaxPageSize);
        var query = db.Instances.AsNoTracking();
        if (projectId is not null) query = query.Where(i => i.ProjectId == projectId);
        // Literal conditions, not a parameter: only a literal NOT deleted lets PostgreSQL use the partial index.
        if (deleted == false) query = query.Where(i => !i.Deleted);
        else if (deleted == true) query = query.Where(i => i.Deleted);
        if (marker is not null)
        {
            var after = Guid.TryParse(marker, out var markerId)
                ? await db.Instances.AsNoTracking().Where(i => i.Id == markerId).Select(i => new { i.Created, i.Id }).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (after is null) throw new BadRequestException($"Marker '{marker}' is not an instance of this listing.");
            // Keyset: (created, id) after the marker's, served by the (project_id, created, id) index.
            query = query.Where(i => i.Created > after.Created || (i.Created == after.Created && i.Id.CompareTo(after.Id) > 0));
        }
        var rows = await query.OrderBy(i => i.Created).ThenBy(i => i.Id).Take(size + 1).ToListAsync(cancellationToken);
        return rows.Count > size ? new InstancePage(rows[..size], rows[size - 1].Id) : new InstancePage(rows, null);
    }

    /// <summary>A tenant sees only its own, undeleted instances; anything else is "not found", as in Trove.</summary>
    public async Task<Instance> GetAsync(string projectId, string instanceId, CancellationToken cancellationToken) =>
        (Guid.TryParse(instanceId, out var id)
            ? await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.ProjectId == projectId && !i.Deleted, cancellationToken)
            : null) ?? throw NotFound(instanceId);

    /// <summary>Any project's instance, deleted ones included (management views).</summary>
    public async Task<Instance> GetAnyAsync(string instanceId, CancellationToken cancellationToken) =>
        (Guid.TryParse(instanceId, out var id)
            ? await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null) ?? throw NotFound(instanceId);

    public Task<List<InstanceTask>> TasksOfAsync(Guid instanceId, CancellationToken cancellationToken) =>
        db.InstanceTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderByDescending(t => t.Created).Take(20).ToListAsync(cancellationToken);

    public async Task<Instance> RenameAsync(string projectId, string instanceId, string name, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(projectId, instanceId, cancellationToken);
        await db.Instances.Where(i => i.Id == instance.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, name).SetProperty(i => i.Updated, clock.GetUtcNow().UtcDateTime), cancellationToken);
        readCache.Changed(instance.Id, instance.ProjectId, listingChanged: false);
        instance.Name = name;
        return instance;
    }

    public Task DeleteAsync(AuthContext caller, string? projectId, string instanceId, CancellationToken cancellationToken) =>
        StartActionAsync(caller, projectId, instanceId, TaskKinds.Delete, InstanceTasks.Deleting, requireActive: false, args: null,
            (task, id) => new DeleteInstance(task, id), cancellationToken);

    public Task RestartAsync(AuthContext caller, string? projectId, string instanceId, CancellationToken cancellationToken) =>
        StartActionAsync(caller, projectId, instanceId, TaskKinds.Restart, InstanceTasks.Rebooting, requireActive: false, args: null,
            (task, id) => new RestartInstance(task, id), cancellationToken);

    public Task StopAsync(AuthContext caller, string instanceId, CancellationToken cancellationToken) =>
        StartActionAsync(caller, null, instanceId, TaskKinds.Stop, InstanceTasks.Rebooting, requireActive: false, args: null,
            (task, id) => new StopInstance(task, id), cancellationToken);

    public Task RebootAsync(AuthContext caller, string instanceId, CancellationToken cancellationToken) =>
        StartActionAsync(caller, null, instanceId, TaskKinds.Reboot, InstanceTasks.Rebooting, requireActive: false, args: null,
            (task, id) => new RebootInstance(task, id), cancellationToken);

    public Task ResizeVolumeAsync(AuthContext caller, string projectId, string instanceId, int newSizeGb, CancellationToken cancellationToken) =>
        StartActionAsync(caller, projectId, instanceId, TaskKinds.ResizeVolume, InstanceTasks.Resizing, requireActive: true, args: null,
            (task, id) => new ResizeInstanceVolume(task, id), cancellationToken, async instance =>
            {
                if (newSizeGb <= instance.VolumeSizeGb)
                    throw new BadRequestException($"The new volume size {newSizeGb} GB must be larger than the current size, {instance.VolumeSizeGb} GB.");
                if (newSizeGb > options.Value.MaxVolumeSizeGb)
                    throw new BadRequestException($"Volume size {newSizeGb} GB is larger than the maximum allowed, {options.Value.MaxVolumeSizeGb} GB.");
                await quotas.ReserveAsync(instance.ProjectId, new Dictionary<string, int> { [QuotaResources.Volumes] = newSizeGb - instance.VolumeSizeGb }, cancellationToken);
                return new ResizeVolumeTaskArgs(instance.VolumeSizeGb, newSizeGb);
            });

    public Task ResizeFlavorAsync(AuthContext caller, string projectId, string instanceId, string flavorRef, CancellationToken cancellationToken) =>
        StartActionAsync(caller, projectId, instanceId, TaskKinds.ResizeFlavor, InstanceTasks.Resizing, requireActive: true, args: null,
            (task, id) => new ResizeInstanceFlavor(task, id), cancellationToken, async instance =>
            {
                var snapshot = await catalog.GetAsync(cancellationToken);
                var flavor = snapshot.FindFlavor(flavorRef) ?? throw new NotFoundException($"Flavor {flavorRef} could not be found.");
                var current = snapshot.FindFlavor(instance.FlavorId);
                if (flavor.Id == instance.FlavorId)
                    throw new BadRequestException($"The instance already has flavor {flavor.Id}.");
                var version = snapshot.FindVersion(instance.DatastoreVersionId);
                if (version is not null && !snapshot.FlavorsFor(version).Contains(flavor))
                    throw new BadRequestException($"Flavor {flavor.Id} is not allowed for this instance's datastore version.");
                var oldRam = current?.RamMb ?? 0;
                await quotas.ReserveAsync(instance.ProjectId, new Dictionary<string, int> { [QuotaResources.Ram] = flavor.RamMb - oldRam }, cancellationToken);
                return new ResizeFlavorTaskArgs(instance.FlavorId, flavor.Id, oldRam, flavor.RamMb);
            });

    /// <summary>
    /// Trove's reset_status (admin): forget the task in progress and mark the service unknown, so that a stuck
    /// instance can be deleted. A workflow still running notices its task is no longer current and stops.
    /// </summary>
    public async Task ResetStatusAsync(string? projectId, string instanceId, CancellationToken cancellationToken)
    {
        var instance = projectId is null ? await GetAnyAsync(instanceId, cancellationToken) : await GetAsync(projectId, instanceId, cancellationToken);
        await db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.TaskStatus, InstanceTasks.None)
            .SetProperty(i => i.CurrentTaskId, (Guid?)null)
            .SetProperty(i => i.BuildDeadline, (DateTime?)null)
            .SetProperty(i => i.ServiceStatus, ServiceStatuses.Unknown)
            .SetProperty(i => i.Updated, clock.GetUtcNow().UtcDateTime), cancellationToken);
        readCache.Changed(instance.Id, instance.ProjectId, listingChanged: false);
    }

    /// <summary>Management reset-task-status: only the task, the service status stays as reported.</summary>
    public async Task ResetTaskStatusAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetAnyAsync(instanceId, cancellationToken);
        await db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.TaskStatus, InstanceTasks.None)
            .SetProperty(i => i.CurrentTaskId, (Guid?)null)
            .SetProperty(i => i.BuildDeadline, (DateTime?)null)
            .SetProperty(i => i.Updated, clock.GetUtcNow().UtcDateTime), cancellationToken);
        readCache.Changed(instance.Id, instance.ProjectId, listingChanged: false);
    }

    public static Dictionary<string, int> UsageOf(int ramMb, int volumeGb) => new()
    {
        [QuotaResources.Instances] = 1,
        [QuotaResources.Volumes] = volumeGb,
        [QuotaResources.Ram] = ramMb,
    };

    /// <summary>
    /// One action at a time: the row is locked, a busy instance gets 409 naming what it is busy with, and the new
    /// task, its command and the task status commit together.
    /// </summary>
    async Task StartActionAsync(
        AuthContext caller, string? projectId, string instanceId, string kind, string taskStatus, bool requireActive, object? args,
        Func<Guid, string, object> command, CancellationToken cancellationToken, Func<Instance, Task<object>>? prepare = null)
    {
        if (!Guid.TryParse(instanceId, out var id)) throw NotFound(instanceId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        var instance = await db.Instances.FromSql($"SELECT * FROM instances WHERE id = {id} AND NOT deleted FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (instance is null || (projectId is not null && instance.ProjectId != projectId)) throw NotFound(instanceId);
        if (InstanceTasks.IsBusy(instance.TaskStatus))
            throw new ConflictException($"Instance {instance.Id} is busy ({instance.TaskStatus}); try again when that has finished.");
        if (kind != TaskKinds.Delete && InstanceTasks.IsError(instance.TaskStatus))
            throw new UnprocessableException($"Instance {instance.Id} failed to build ({instance.TaskStatus}); it can only be deleted.");
        if (requireActive && instance.ServiceStatus != ServiceStatuses.Healthy)
            throw new UnprocessableException(
                $"Instance {instance.Id} is not ready: its status is {InstanceStatus.Derive(instance.TaskStatus, instance.ServerStatus, instance.ServiceStatus)}, it must be ACTIVE.");
        args = prepare is null ? args : await prepare(instance);
        var task = NewTask(instance, kind, caller, args);
        instance.TaskStatus = taskStatus;
        instance.CurrentTaskId = task.Id;
        instance.Updated = clock.GetUtcNow().UtcDateTime;
        db.Enqueue(command(task.Id, instance.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        await WakeRelayAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        readCache.Changed(instance.Id, instance.ProjectId, listingChanged: false);
    }

    InstanceTask NewTask(Instance instance, string kind, AuthContext caller, object? args)
    {
        var task = new InstanceTask
        {
            Id = Guid.NewGuid(),
            InstanceId = instance.Id,
            Kind = kind,
            Args = JsonSerializer.SerializeToDocument(args ?? new { }),
            RequestedBy = caller.UserId,
            Created = clock.GetUtcNow().UtcDateTime,
            Updated = clock.GetUtcNow().UtcDateTime,
        };
        instance.CurrentTaskId = task.Id;
        db.InstanceTasks.Add(task);
        return task;
    }

    /// <summary>Delivered by PostgreSQL at commit, so the relay never wakes before the command is visible.</summary>
    Task WakeRelayAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync($"NOTIFY {Outbox.Channel}", cancellationToken);

    static (Datastore, DatastoreVersion) ResolveDatastore(CatalogSnapshot snapshot, string? type, string? versionName)
    {
        if (type is null) throw new BadRequestException("Please specify a datastore (datastore.type).");
        var datastore = snapshot.FindDatastore(type) ?? throw new NotFoundException($"Datastore '{type}' cannot be found.");
        var version = versionName is null
            ? (datastore.DefaultVersionId is { } defaultId ? snapshot.FindVersion(defaultId) : null)
              ?? throw new BadRequestException($"Datastore {datastore.Name} has no default version; specify datastore.version.")
            : snapshot.FindVersion(datastore, versionName)
              ?? throw new NotFoundException($"Datastore version '{versionName}' cannot be found for datastore {datastore.Name}.");
        if (!version.Active)
            throw new BadRequestException($"Datastore version '{version.Name}' of {datastore.Name} is not active.");
        return (datastore, version);
    }

    static NotFoundException NotFound(string instanceId) => new($"Instance {instanceId} could not be found.");
}
