using DbaaS.Api.Http;
using DbaaS.Api.Identity;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;
using DbaaS.Core.Instances;

namespace DbaaS.Api.Instances;

public static class InstancesApi
{
    static readonly string[] Actions = ["restart", "resize", "reset_status"];

    public static RouteGroupBuilder MapInstancesApi(this RouteGroupBuilder tenant)
    {
        var instances = tenant.MapGroup("/instances").WithTags("Instances");
        instances.MapGet("", List).WithName("ListInstances").WithSummary("List instances");
        instances.MapGet("/detail", ListDetail).WithName("ListInstancesDetail").WithSummary("List instances with details");
        instances.MapPost("", Create).WithName("CreateInstance").WithSummary("Create an instance");
        instances.MapGet("/{instance_id}", Show).WithName("ShowInstance").WithSummary("Show an instance");
        instances.MapPut("/{instance_id}", Rename).WithName("UpdateInstance").WithSummary("Rename an instance");
        instances.MapPatch("/{instance_id}", Rename).WithName("PatchInstance").WithSummary("Rename an instance");
        instances.MapDelete("/{instance_id}", Delete).WithName("DeleteInstance").WithSummary("Delete an instance");
        instances.MapPost("/{instance_id}/action", Action).WithName("InstanceAction")
            .WithSummary("Restart, resize the flavor or the volume, or reset the status (admin) of an instance");
        return tenant;
    }

    static Task<IResult> List(string tenant_id, int? limit, string? marker, HttpRequest request, InstanceReads reads, CatalogCache catalog, PublicUrls urls) =>
        ListPage(tenant_id, limit, marker, request, reads, catalog, urls, "instances", detail: false);

    static Task<IResult> ListDetail(string tenant_id, int? limit, string? marker, HttpRequest request, InstanceReads reads, CatalogCache catalog, PublicUrls urls) =>
        ListPage(tenant_id, limit, marker, request, reads, catalog, urls, "instances/detail", detail: true);

    static async Task<IResult> ListPage(
        string tenantId, int? limit, string? marker, HttpRequest request, InstanceReads reads, CatalogCache catalog, PublicUrls urls,
        string path, bool detail)
    {
        if (limit is < 1) throw new BadRequestException($"limit must be a positive integer, not {limit}.");
        var cancellationToken = request.HttpContext.RequestAborted;
        var page = await reads.ListAsync(tenantId, limit, marker, cancellationToken);
        var snapshot = await catalog.GetAsync(cancellationToken);
        return InstanceJson.List(page.Items, NextLinks(request, urls, tenantId, path, limit, page.NextMarker), detail, snapshot, request, urls, tenantId);
    }

    /// <summary>Trove's pagination: a <c>next</c> link only when there is a next page, carrying the last id as marker.</summary>
    public static IReadOnlyList<Link> NextLinks(HttpRequest request, PublicUrls urls, string tenantId, string path, int? limit, Guid? nextMarker, string extraQuery = "")
    {
        if (nextMarker is null) return [];
        var query = limit is null ? $"marker={nextMarker}" : $"limit={limit}&marker={nextMarker}";
        return [new Link($"{urls.Base(request)}/v1.0/{tenantId}/{path}?{query}{extraQuery}", "next")];
    }

    static async Task<IResult> Create(string tenant_id, HttpContext http, InstanceService service, CatalogCache catalog, PublicUrls urls)
    {
        var create = InstanceRequests.ReadCreate(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        var instance = await service.CreateAsync(Caller.Get(http), create, http.RequestAborted);
        var snapshot = await catalog.GetAsync(http.RequestAborted);
        return Results.Json(new { instance = InstanceViews.Detail(instance, snapshot, http.Request, urls, tenant_id) });
    }

    static async Task<IResult> Show(string tenant_id, string instance_id, HttpContext http, InstanceReads reads, CatalogCache catalog, PublicUrls urls)
    {
        var instance = await reads.GetAsync(tenant_id, instance_id, http.RequestAborted);
        var snapshot = await catalog.GetAsync(http.RequestAborted);
        return InstanceJson.Show(instance, snapshot, http.Request, urls, tenant_id);
    }

    static async Task<IResult> Rename(string tenant_id, string instance_id, HttpContext http, InstanceService service)
    {
        var name = InstanceRequests.ReadRename(await JsonBody.ReadAsync(http.Request, http.RequestAborted));
        await service.RenameAsync(tenant_id, instance_id, name, http.RequestAborted);
        return Results.Accepted();
    }

    static async Task<IResult> Delete(string tenant_id, string instance_id, HttpContext http, InstanceService service)
    {
        await service.DeleteAsync(Caller.Get(http), tenant_id, instance_id, http.RequestAborted);
        return Results.Accepted();
    }

    static async Task<IResult> Action(string tenant_id, string instance_id, HttpContext http, InstanceService service)
    {
        var (action, args) = InstanceRequests.ReadAction(await JsonBody.ReadAsync(http.Request, http.RequestAborted), Actions);
        var caller = Caller.Get(http);
        var cancellationToken = http.RequestAborted;
        switch (action)
        {
            case "restart":
                args.RejectUnknown();
                await service.RestartAsync(caller, tenant_id, instance_id, cancellationToken);
                break;
            case "resize":
                var flavorRef = args.Has("flavorRef") ? args.StringOrNumber("flavorRef", 64) : null;
                var volume = args.OptionalObject("volume");
                args.RejectUnknown();
                if ((flavorRef is null) == (volume is null))
                    throw new BadRequestException("A resize names either flavorRef or volume.size, not both and not neither.");
                if (flavorRef is not null)
                    await service.ResizeFlavorAsync(caller, tenant_id, instance_id, flavorRef, cancellationToken);
                else
                {
                    var size = volume!.Int("size", 1, int.MaxValue);
                    volume.RejectUnknown();
                    await service.ResizeVolumeAsync(caller, tenant_id, instance_id, size, cancellationToken);
                }
                break;
            case "reset_status":
                args.RejectUnknown();
                if (!caller.IsAdmin) throw new ForbiddenException("Policy doesn't allow instance:reset_status to be performed: admin only.");
                await service.ResetStatusAsync(tenant_id, instance_id, cancellationToken);
                break;
        }
        return Results.Accepted();
    }
}
