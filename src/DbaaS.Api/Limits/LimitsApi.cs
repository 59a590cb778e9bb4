using System.Globalization;
using DbaaS.Api.Identity;
using DbaaS.Api.RateLimiting;
using DbaaS.Core.Quotas;

namespace DbaaS.Api.Limits;

public static class LimitsApi
{
    public static RouteGroupBuilder MapLimitsApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/limits", List).WithTags("Limits").WithName("ListLimits").WithSummary("List the project's quotas and rate limits");
        return tenant;
    }

    /// <summary>Trove's limits: the project's absolute quotas first, then each rate limit with what remains of it.</summary>
    private static async Task<IResult> List(string tenant_id, HttpContext http, QuotaService quotas, ProjectRateLimiter rateLimiter)
    {
        var caller = Caller.Get(http);
        var states = await quotas.GetAsync(tenant_id, http.RequestAborted);
        var absolute = new Dictionary<string, object> { ["verb"] = "ABSOLUTE" };
        foreach (var state in states) absolute[$"max_{state.Resource}"] = state.Limit;

        var now = DateTime.UtcNow;
        var limits = new List<object> { absolute };
        for (var i = 0; i < rateLimiter.Rules.Count; i++)
        {
            var rule = rateLimiter.Rules[i];
            if (rule.PerMinute <= 0) continue;
            var remaining = rateLimiter.Remaining(caller.ProjectId, i);
            limits.Add(new Dictionary<string, object>
            {
                ["verb"] = rule.Verb,
                ["uri"] = rule.Uri,
                ["regex"] = rule.Regex,
                ["value"] = rule.PerMinute,
                ["unit"] = "MINUTE",
                ["remaining"] = remaining,
                // Fixed one-minute windows: when none remain, the next permit comes within a minute.
                ["nextAvailable"] = (remaining > 0 ? now : now.AddMinutes(1)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
        }
        return Results.Json(new { limits });
    }
}
