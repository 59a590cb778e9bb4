using DbaaS.Api.Http;
using DbaaS.Core.Datastores;
using DbaaS.Core.Instances;

namespace DbaaS.Api.Instances;

/// <summary>Trove's instance views: the list (basic) view, the detail view, and the management view.</summary>
public static class InstanceViews
{
    const string TroveTime = "yyyy-MM-ddTHH:mm:ss";

    public static Dictionary<string, object?> Basic(Instance instance, CatalogSnapshot catalog, HttpRequest request, PublicUrls urls, string tenantId)
    {
        var version = catalog.FindVersion(instance.DatastoreVersionId);
        var view = new Dictionary<string, object?>
        {
            ["id"] = instance.Id,
            ["name"] = instance.Name,
            ["status"] = InstanceStatus.Derive(instance.TaskStatus, instance.ServerStatus, instance.ServiceStatus),
            ["operating_status"] = InstanceStatus.Operating(instance.ServiceStatus),
            ["links"] = urls.SelfAndBookmark(request, tenantId, $"instances/{instance.Id}"),
            ["flavor"] = new { id = instance.FlavorId, links = urls.SelfAndBookmark(request, tenantId, $"flavors/{instance.FlavorId}") },
            ["datastore"] = new
            {
                type = version is null ? null : catalog.DatastoreOf(version).Name,
                version = version?.Name,
                version_number = version?.Version,
            },
            ["region"] = urls.Region,
            ["volume"] = new Dictionary<string, object?> { ["size"] = instance.VolumeSizeGb },
        };
        if (instance.Hostname is not null)
        {
            view["ip"] = new[] { instance.Hostname };
            view["addresses"] = new[] { new { address = instance.Hostname, type = "private" } };
            view["hostname"] = instance.Hostname;
            view["port"] = instance.Port;
        }
        return view;
    }

    public static Dictionary<string, object?> Detail(Instance instance, CatalogSnapshot catalog, HttpRequest request, PublicUrls urls, string tenantId)
    {
        var view = Basic(instance, catalog, request, urls, tenantId);
        view["created"] = instance.Created.ToString(TroveTime);
        view["updated"] = instance.Updated.ToString(TroveTime);
        view["service_status_updated"] = (instance.ServiceStatusUpdated ?? instance.Updated).ToString(TroveTime);
        if (instance.VolumeUsedBytes is { } used)
        {
            var volume = (Dictionary<string, object?>)view["volume"]!;
            volume["used"] = Math.Round(used / 1073741824.0, 2);
            volume["used_percent"] = Math.Round(100.0 * used / (instance.VolumeSizeGb * 1073741824.0), 2);
        }
        if (instance.FaultMessage is not null && InstanceStatus.Derive(instance.TaskStatus, instance.ServerStatus, instance.ServiceStatus) == "ERROR")
            view["fault"] = new
            {
                message = instance.FaultMessage,
                created = (instance.FaultCreated ?? instance.Updated).ToString(TroveTime),
                details = instance.FaultDetails ?? "",
            };
        return view;
    }

    /// <summary>Trove's management view: the detail view plus the project, the three status sources and the tasks.</summary>
    public static Dictionary<string, object?> Management(
        Instance instance, CatalogSnapshot catalog, HttpRequest request, PublicUrls urls, string tenantId, IReadOnlyList<InstanceTask>? tasks)
    {
        var view = Detail(instance, catalog, request, urls, tenantId);
        view["tenant_id"] = instance.ProjectId;
        view["deleted"] = instance.Deleted;
        view["deleted_at"] = instance.DeletedAt?.ToString(TroveTime);
        view["task_description"] = instance.TaskStatus == InstanceTasks.None ? "No tasks for the instance." : instance.TaskStatus;
        view["service_status"] = instance.ServiceStatus;
        view["encrypted_rpc_messaging"] = true;
        view["guest_status"] = new { state_description = instance.ServiceStatus.ToLowerInvariant() };
        view["server"] = instance.ServerStatus is null ? null : new
        {
            id = instance.Id,
            name = instance.Name,
            status = instance.ServerStatus,
            host = instance.Hostname,
            port = instance.Port,
            tenant_id = instance.ProjectId,
        };
        view["server_id"] = instance.ServerStatus is null ? null : instance.Id;
        view["engine_version"] = instance.EngineVersion;
        if (tasks is not null)
            view["tasks"] = tasks.Select(t => new
            {
                id = t.Id,
                kind = t.Kind,
                state = t.State,
                step = t.Step,
                attempts = t.Attempts,
                message = t.Message,
                created = t.Created.ToString(TroveTime),
                updated = t.Updated.ToString(TroveTime),
                finished = t.Finished?.ToString(TroveTime),
            });
        return view;
    }
}
