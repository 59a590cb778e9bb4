using DbaaS.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Instances;

/// <summary>
/// The tenant's list and show, through <see cref="InstanceReadCache"/>: a page costs a slice of the project's
/// listing and the rows it names, most of them in memory, whatever the size of the project. Whenever the cache
/// cannot answer for sure (not listening, a marker it does not know, a row gone meanwhile) the database answers,
/// through <see cref="InstanceService"/>, with the same results and the same faults.
/// </summary>
public sealed class InstanceReads(DbaaSDbContext db, InstanceReadCache cache, InstanceService service, IOptions<InstanceOptions> options)
{
    public async Task<Instance> GetAsync(string projectId, string instanceId, CancellationToken cancellationToken)
    {
        if (!cache.Serving || !Guid.TryParse(instanceId, out var id)) return await service.GetAsync(projectId, instanceId, cancellationToken);
        if (!cache.TryGetRow(id, out var row))
        {
            var ticket = cache.RowTicket(id);
            row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && !i.Deleted, cancellationToken);
            if (row is null) return await service.GetAsync(projectId, instanceId, cancellationToken);
            cache.KeepRow(row, ticket);
        }
        // Another project's instance is "not found", as the database path says.
        return row.ProjectId == projectId ? row : await service.GetAsync(projectId, instanceId, cancellationToken);
    }

    public async Task<InstancePage> ListAsync(string projectId, int? limit, string? marker, CancellationToken cancellationToken)
    {
        Guid? markerId = null;
        if (marker is not null)
        {
            if (!Guid.TryParse(marker, out var parsed)) return await FromDatabase();
            markerId = parsed;
        }
        if (!cache.Serving) return await FromDatabase();
        var size = Math.Clamp(limit ?? options.Value.DefaultPageSize, 1, options.Value.MaxPageSize);
        var listing = await ListingAsync(projectId, cancellationToken);
        var ids = listing.After(markerId, size + 1);
        if (ids is null) return await FromDatabase();
        var rows = await RowsAsync(ids.Value, cancellationToken);
        if (rows is null) return await FromDatabase();
        return rows.Count > size ? new InstancePage(rows[..size], rows[size - 1].Id) : new InstancePage(rows, null);

        Task<InstancePage> FromDatabase() => service.ListAsync(projectId, deleted: false, limit, marker, cancellationToken);
    }

    async Task<ProjectListing> ListingAsync(string projectId, CancellationToken cancellationToken)
    {
        if (cache.TryGetListing(projectId, out var listing)) return listing;
        var ticket = cache.ListingTicket(projectId);
        // The database's order, so that markers mean what they mean on the database path.
        var ids = await db.Instances.AsNoTracking()
            .Where(i => i.ProjectId == projectId && !i.Deleted)
            .OrderBy(i => i.Created).ThenBy(i => i.Id)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        listing = new ProjectListing(ids);
        cache.KeepListing(projectId, listing, ticket);
        return listing;
    }

    /// <returns>The rows in the order of <paramref name="ids"/>; null when one of them is no longer there.</returns>
    async Task<List<Instance>?> RowsAsync(ArraySegment<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = new Instance[ids.Count];
        var missing = new List<int>();
        for (var i = 0; i < ids.Count; i++)
            if (cache.TryGetRow(ids[i], out var row)) rows[i] = row;
            else missing.Add(i);
        if (missing.Count > 0)
        {
            var tickets = missing.Select(i => cache.RowTicket(ids[i])).ToArray();
            var missingIds = missing.Select(i => ids[i]).ToArray();
            var loaded = await db.Instances.AsNoTracking()
                .Where(i => missingIds.Contains(i.Id) && !i.Deleted)
                .ToDictionaryAsync(i => i.Id, cancellationToken);
            for (var k = 0; k < missing.Count; k++)
            {
                if (!loaded.TryGetValue(missingIds[k], out var row)) return null;
                rows[missing[k]] = row;
                cache.KeepRow(row, tickets[k]);
            }
        }
        return [.. rows];
    }
}
