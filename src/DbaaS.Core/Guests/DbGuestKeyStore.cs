using DbaaS.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace DbaaS.Core.Guests;

/// <summary>
/// Keys from the instances table, cached: a key never changes for the life of an instance, and the conductor
/// needs one for every heartbeat. Unknown instances are not cached (the row may be committed a moment later).
/// </summary>
public sealed class DbGuestKeyStore(IServiceScopeFactory scopes, IMemoryCache cache, GuestKeyProtector protector) : IGuestKeyStore
{
    static readonly MemoryCacheEntryOptions Retention = new() { SlidingExpiration = TimeSpan.FromMinutes(30) };

    public async ValueTask<byte[]?> GetKeyAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var cacheKey = (typeof(DbGuestKeyStore), instanceId);
        if (cache.TryGetValue(cacheKey, out byte[]? cached)) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbaaSDbContext>();
        var stored = await db.Instances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => i.GuestKey)
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null) return null;
        var key = protector.Unprotect(instanceId, stored);
        cache.Set(cacheKey, key, Retention);
        return key;
    }
}
