using DbaaS.Core.Datastores;
using DbaaS.Core.Identity;
using Npgsql;

namespace DbaaS.Core.Data;

/// <summary>Seeds identity and catalog under an advisory lock, so servers starting together don't race.</summary>
public sealed class StartupSeeder(NpgsqlDataSource dataSource, IdentitySeeder identity, CatalogSeeder catalog)
{
    private const long AdvisoryLockKey = 0x0DBAA5_0002;

    public async Task SeedAsync(TextWriter console, CancellationToken cancellationToken)
    {
        await using var held = await AdvisoryLock.AcquireAsync(dataSource, AdvisoryLockKey, cancellationToken);
        await identity.SeedAsync(console, cancellationToken);
        await catalog.SeedAsync(cancellationToken);
    }
}
