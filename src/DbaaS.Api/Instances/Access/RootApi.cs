using DbaaS.Api.Identity;
using DbaaS.Core.Access;

namespace DbaaS.Api.Instances.Access;

/// <summary>Trove's root extension: enable root (its password shown once), show whether it is enabled, disable it; and, for admins, who enabled it.</summary>
public static class RootApi
{
    public static RouteGroupBuilder MapRootApi(this RouteGroupBuilder tenant)
    {
        var root = tenant.MapGroup("/instances/{instance_id}/root").WithTags("Root");
        root.MapGet("", Show).WithName("ShowRootEnabled").WithSummary("Show whether root is enabled on an instance");
        root.MapPost("", Enable).WithName("EnableRoot").WithSummary("Enable root on an instance");
        root.MapDelete("", Disable).WithName("DisableRoot").WithSummary("Disable root on an instance");
        tenant.MapGet("/mgmt/instances/{instance_id}/root", History).WithTags("Management: instances").RequireAdmin()
            .WithName("MgmtShowRootHistory").WithSummary("Show who enabled root on an instance and when");
        return tenant;
    }

    static async Task<IResult> Show(string tenant_id, string instance_id, HttpContext http, RootAccess access) =>
        Results.Json(new { rootEnabled = await access.IsEnabledAsync(tenant_id, instance_id, http.RequestAborted) });

    static async Task<IResult> Enable(string tenant_id, string instance_id, HttpContext http, RootAccess access)
    {
        var password = await AccessRequests.ReadRootPasswordAsync(http.Request, http.RequestAborted);
        var credentials = await access.EnableAsync(Caller.Get(http), tenant_id, instance_id, password, http.RequestAborted);
        return Results.Json(new { user = new { name = credentials.Name, password = credentials.Password } });
    }

    static async Task<IResult> Disable(string tenant_id, string instance_id, HttpContext http, RootAccess access)
    {
        await access.DisableAsync(tenant_id, instance_id, http.RequestAborted);
        // As Trove's root_delete: 204, where the other deletes answer 202.
        return Results.NoContent();
    }

    static async Task<IResult> History(string instance_id, HttpContext http, RootAccess access) =>
        Results.Json(AccessViews.RootHistory(await access.HistoryAsync(instance_id, http.RequestAborted)));
}
