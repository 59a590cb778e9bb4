using DbaaS.Api.Http;
using DbaaS.Api.Identity;
using DbaaS.Core.Identity;
using DbaaS.Core.Quotas;
using Microsoft.Extensions.Options;

namespace DbaaS.Api.Quotas;

public static class QuotasApi
{
    public static RouteGroupBuilder MapQuotasApi(this RouteGroupBuilder tenant)
    {
        var quotas = tenant.MapGroup("/mgmt/quotas").WithTags("Management: quotas").RequireAdmin();
        quotas.MapGet("/{project_id}", Show).WithName("MgmtShowQuotas").WithSummary("Show a project's quotas");
        quotas.MapPut("/{project_id}", Update).WithName("MgmtUpdateQuotas").WithSummary("Change a project's quotas");
        return tenant;
    }

    private static async Task<IResult> Show(string project_id, HttpContext http, QuotaService quotas, IdentityAdmin identity, IOptions<IdentityOptions> identityOptions)
    {
        await RequireKnownProjectAsync(project_id, http, identity, identityOptions.Value);
        var states = await quotas.GetAsync(project_id, http.RequestAborted);
        return Results.Json(new
        {
            quotas = states.Select(s => new { resource = s.Resource, in_use = s.InUse, limit = s.Limit, reserved = s.Reserved }),
        });
    }

    private static async Task<IResult> Update(string project_id, HttpContext http, QuotaService quotas, IdentityAdmin identity, IOptions<IdentityOptions> identityOptions)
    {
        await RequireKnownProjectAsync(project_id, http, identity, identityOptions.Value);
        var body = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        var fields = body.Object("quotas");
        var limits = new Dictionary<string, int>();
        foreach (var name in fields.Names.ToList())
            limits[name] = fields.Int(name, -1, int.MaxValue, acceptString: true);
        body.RejectUnknown();
        if (limits.Count == 0) throw fields.Invalid("instances", "name at least one quota to change");
        var updated = await quotas.UpdateAsync(project_id, limits, http.RequestAborted);
        return Results.Json(new { quotas = updated });
    }

    /// <summary>With built-in identity a quota for a project that does not exist is a typo; with Keystone we cannot know.</summary>
    private static async Task RequireKnownProjectAsync(string projectId, HttpContext http, IdentityAdmin identity, IdentityOptions identityOptions)
    {
        if (!identityOptions.IsKeystone) await identity.GetProjectAsync(projectId, http.RequestAborted);
    }
}
