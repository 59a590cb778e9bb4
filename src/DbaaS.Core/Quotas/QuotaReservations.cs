using DbaaS.Core.Data;
using DbaaS.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Quotas;

/// <summary>
/// Takes and gives back quota inside the caller's transaction, so the usage commits with the rows it pays for.
/// Each resource's usage row is updated with a condition on the limit: the row lock serialises concurrent
/// requests, so 50 creates against a quota of 10 admit exactly 10.
/// </summary>
public sealed class QuotaReservations(DbaaSDbContext db, IOptions<QuotaOptions> options)
{
    /// <exception cref="OverLimitException">Trove's message, naming every resource that would exceed its limit.</exception>
    public async Task ReserveAsync(string projectId, IReadOnlyDictionary<string, int> deltas, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Quota must be reserved inside the transaction that creates the resource.");
        var limits = await db.Quotas.AsNoTracking().Where(q => q.ProjectId == projectId)
            .ToDictionaryAsync(q => q.Resource, q => q.HardLimit, cancellationToken);
        var exceeded = new List<string>();
        // A fixed order: two requests never wait on each other's rows in opposite orders.
        foreach (var (resource, delta) in deltas.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var limit = limits.TryGetValue(resource, out var own) ? own : options.Value.DefaultFor(resource);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES ({projectId}, {resource}, 0, 0)
                ON CONFLICT (project_id, resource) DO NOTHING
                """, cancellationToken);
            var updated = await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE quota_usages SET in_use = in_use + {delta}
                WHERE project_id = {projectId} AND resource = {resource} AND ({limit} < 0 OR {delta} <= 0 OR in_use + {delta} <= {limit})
                """, cancellationToken);
            if (updated == 0) exceeded.Add(resource);
        }
        if (exceeded.Count > 0)
            throw new OverLimitException($"Quota exceeded for resources: ['{string.Join("', '", exceeded)}'].");
    }

    /// <summary>Gives quota back (never below zero); used when a resource is deleted or a reservation is undone.</summary>
    public async Task ReleaseAsync(string projectId, IReadOnlyDictionary<string, int> amounts, CancellationToken cancellationToken)
    {
        foreach (var (resource, amount) in amounts.Where(d => d.Value > 0).OrderBy(d => d.Key, StringComparer.Ordinal))
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE quota_usages SET in_use = GREATEST(in_use - {amount}, 0)
                WHERE project_id = {projectId} AND resource = {resource}
                """, cancellationToken);
    }
}
