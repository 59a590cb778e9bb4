using DbaaS.Api.Http;
using DbaaS.Api.Identity;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;
using DbaaS.Core.Guests;
using DbaaS.Core.Instances;

namespace DbaaS.Api.Instances;

/// <summary>Trove's management extension for instances (admin only): every project, deleted ones, and the guest's own view.</summary>
public static class InstancesMgmtApi
{
    static readonly string[] Actions = ["stop", "reboot", "reset-task-status"];
    static readonly TimeSpan GuestCallTimeout = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapInstancesMgmtApi(this RouteGroupBuilder tenant)
    {
        var mgmt = tenant.MapGroup("/mgmt/instances").WithTags("Management: instances").RequireAdmin();
        mgmt.MapGet("", List).WithName("MgmtListInstances").WithSummary("List the instances of every project");
        mgmt.MapGet("/{instance_id}", Show).WithName("MgmtShowInstance").WithSummary("Show an instance with its server, guest and tasks");
        mgmt.MapPost("/{instance_id}/action", Action).WithName("MgmtInstanceAction")
            .WithSummary("Stop the database, reboot the server, or reset the task status");
        mgmt.MapGet("/{instance_id}/rpc_ping", RpcPing).WithName("MgmtPingInstanceGuest").WithSummary("Ping the instance's guest agent");
        mgmt.MapGet("/{instance_id}/diagnostics", Diagnostics).WithName("MgmtInstanceDiagnostics")
            .WithSummary("The guest agent's process diagnostics");
        return tenant;
    }

    static async Task<IResult> List(
        string tenant_id, bool? deleted, string? project_id, int? limit, string? marker, HttpRequest request,
        InstanceService service, CatalogCache catalog, PublicUrls urls)
    {
        if (limit is < 1) throw new BadRequestException($"limit must be a positive integer, not {limit}.");
        var page = await service.ListAsync(project_id, deleted, limit, marker, request.HttpContext.RequestAborted);
        var snapshot = await catalog.GetAsync(request.HttpContext.RequestAborted);
        var extra = (deleted is null ? "" : $"&deleted={deleted.Value.ToString().ToLowerInvariant()}") + (project_id is null ? "" : $"&project_id={Uri.EscapeDataString(project_id)}");
        return Results.Json(new
        {
            instances = page.Items.Select(i => InstanceViews.Management(i, snapshot, request, urls, tenant_id, tasks: null)),
            links = InstancesApi.NextLinks(request, urls, tenant_id, "mgmt/instances", limit, page.NextMarker, extra),
        });
    }

    static async Task<IResult> Show(string tenant_id, string instance_id, HttpRequest request, InstanceService service, CatalogCache catalog, PublicUrls urls)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var instance = await service.GetAnyAsync(instance_id, cancellationToken);
        var tasks = await service.TasksOfAsync(instance.Id, cancellationToken);
        var snapshot = await catalog.GetAsync(cancellationToken);
        return Results.Json(new { instance = InstanceViews.Management(instance, snapshot, request, urls, tenant_id, tasks) });
    }

    static async Task<IResult> Action(string instance_id, HttpContext http, InstanceService service)
    {
        var (action, args) = InstanceRequests.ReadAction(await JsonBody.ReadAsync(http.Request, http.RequestAborted), Actions);
        args.RejectUnknown();
        var caller = Caller.Get(http);
        switch (action)
        {
            case "stop": await service.StopAsync(caller, instance_id, http.RequestAborted); break;
            case "reboot": await service.RebootAsync(caller, instance_id, http.RequestAborted); break;
            case "reset-task-status": await service.ResetTaskStatusAsync(instance_id, http.RequestAborted); break;
        }
        return Results.Accepted();
    }

    static async Task<IResult> RpcPing(string instance_id, HttpContext http, InstanceService service, IGuestClient guests)
    {
        var instance = await service.GetAnyAsync(instance_id, http.RequestAborted);
        var started = DateTime.UtcNow;
        var result = await CallGuestAsync(guests, instance, GuestMethods.RpcPing, http.RequestAborted);
        return Results.Json(new { rpc_ping = new { result, round_trip_ms = Math.Round((DateTime.UtcNow - started).TotalMilliseconds, 1) } });
    }

    static async Task<IResult> Diagnostics(string instance_id, HttpContext http, InstanceService service, IGuestClient guests)
    {
        var instance = await service.GetAnyAsync(instance_id, http.RequestAborted);
        var result = await CallGuestAsync(guests, instance, GuestMethods.GetDiagnostics, http.RequestAborted);
        return Results.Json(new { diagnostics = result });
    }

    static async Task<System.Text.Json.JsonElement> CallGuestAsync(IGuestClient guests, Instance instance, string method, CancellationToken cancellationToken)
    {
        if (instance.Deleted) throw new UnprocessableException($"Instance {instance.Id} is deleted; it has no guest.");
        try
        {
            return await guests.CallAsync(instance.Id, method, null, GuestCallTimeout, cancellationToken);
        }
        catch (GuestUnreachableException ex)
        {
            throw new UnprocessableException(ex.Message);
        }
        catch (GuestCallFailedException ex)
        {
            throw new UnprocessableException($"The guest of instance {instance.Id} answered with an error: {ex.Message}");
        }
    }
}
