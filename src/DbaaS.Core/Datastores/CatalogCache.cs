using DbaaS.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DbaaS.Core.Datastores;

/// <summary>
/// Serves the catalog from memory. Any catalog write (here or in another server process, via NOTIFY) drops the
/// snapshot; the next reader loads a fresh one. A generation counter keeps a load that raced a change from
/// being kept.
/// </summary>
public sealed class CatalogCache
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private CatalogSnapshot? _snapshot;
    private long _generation;

    public CatalogCache(IServiceScopeFactory scopes, ChangeListenerHub hub)
    {
        _scopes = scopes;
        hub.Subscribe(payload => { if (payload == ChangeNotifier.CatalogChanged) Invalidate(); }, Invalidate);
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _snapshot, null);
    }

    public ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot is not null ? ValueTask.FromResult(snapshot) : new ValueTask<CatalogSnapshot>(LoadAsync(cancellationToken));
    }

    private async Task<CatalogSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (Volatile.Read(ref _snapshot) is { } current) return current;
                var generation = Interlocked.Read(ref _generation);
                var loaded = await ReadAsync(cancellationToken);
                if (Interlocked.Read(ref _generation) != generation) continue;
                Volatile.Write(ref _snapshot, loaded);
                return loaded;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<CatalogSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbaaSDbContext>();
        var flavors = await db.Flavors.AsNoTracking().Where(f => !f.Deleted).ToListAsync(cancellationToken);
        flavors.Sort((a, b) => FlavorIdOrder(a.Id, b.Id));
        var datastores = await db.Datastores.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var versions = await db.DatastoreVersions.AsNoTracking().OrderBy(v => v.Name).ToListAsync(cancellationToken);
        var links = await db.DatastoreVersionFlavors.AsNoTracking().ToListAsync(cancellationToken);
        var parameters = await db.ConfigurationParameters.AsNoTracking().Where(p => !p.Deleted)
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return new CatalogSnapshot
        {
            Flavors = flavors,
            Datastores = datastores,
            Versions = versions,
            FlavorsByVersion = links.GroupBy(l => l.DatastoreVersionId)
                .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(l => l.FlavorId).ToHashSet()),
            ParametersByVersion = parameters.GroupBy(p => p.DatastoreVersionId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<ConfigurationParameter>)g.ToList()),
        };
    }

    /// <summary>Numeric ids in numeric order ("2" before "10"), then the rest alphabetically.</summary>
    private static int FlavorIdOrder(string a, string b)
    {
        var aNumeric = long.TryParse(a, out var x);
        var bNumeric = long.TryParse(b, out var y);
        if (aNumeric && bNumeric) return x.CompareTo(y);
        if (aNumeric != bNumeric) return aNumeric ? -1 : 1;
        return string.CompareOrdinal(a, b);
    }
}
