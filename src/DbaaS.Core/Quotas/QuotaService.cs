using DbaaS.Core.Data;
using DbaaS.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Quotas;

public sealed record QuotaState(string Resource, int Limit, int InUse, int Reserved);

public sealed class QuotaService(DbaaSDbContext db, IOptions<QuotaOptions> options)
{
    public async Task<IReadOnlyList<QuotaState>> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var limits = await db.Quotas.AsNoTracking().Where(q => q.ProjectId == projectId)
            .ToDictionaryAsync(q => q.Resource, q => q.HardLimit, cancellationToken);
        var usages = await db.QuotaUsages.AsNoTracking().Where(q => q.ProjectId == projectId)
            .ToDictionaryAsync(q => q.Resource, cancellationToken);
        return QuotaResources.All.Select(resource => new QuotaState(
            resource,
            limits.TryGetValue(resource, out var limit) ? limit : options.Value.DefaultFor(resource),
            usages.TryGetValue(resource, out var usage) ? usage.InUse : 0,
            usage?.Reserved ?? 0)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> UpdateAsync(
        string projectId, IReadOnlyDictionary<string, int> limits, CancellationToken cancellationToken)
    {
        foreach (var (resource, limit) in limits)
        {
            if (!QuotaResources.All.Contains(resource))
                throw new BadRequestException($"Quota resource '{resource}' is unknown; known: {string.Join(", ", QuotaResources.All)}.");
            if (limit < -1)
                throw new BadRequestException($"Quota limit for '{resource}' must be -1 (unlimited) or greater, not {limit}.");
        }
        foreach (var (resource, limit) in limits)
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO quotas (project_id, resource, hard_limit) VALUES ({projectId}, {resource}, {limit})
                ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = EXCLUDED.hard_limit
                """, cancellationToken);
        return limits;
    }
}
