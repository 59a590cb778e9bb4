using DbaaS.Core.Data;
using DbaaS.Core.Flavors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DbaaS.Core.Datastores;

/// <summary>
/// Adds what the shipped catalog has and the database lacks: datastores, versions, parameters, and the default
/// flavors on an empty table. Never overwrites what an admin changed, so it is safe at every start.
/// </summary>
public sealed class CatalogSeeder(DbaaSDbContext db, ILogger<CatalogSeeder> logger)
{
    public static readonly IReadOnlyList<Flavor> DefaultFlavors =
    [
        new() { Id = "1", Name = "m1.tiny", RamMb = 512, Vcpus = 1, DiskGb = 5 },
        new() { Id = "2", Name = "m1.small", RamMb = 2048, Vcpus = 1, DiskGb = 20 },
        new() { Id = "3", Name = "m1.medium", RamMb = 4096, Vcpus = 2, DiskGb = 40 },
        new() { Id = "4", Name = "m1.large", RamMb = 8192, Vcpus = 4, DiskGb = 80 },
        new() { Id = "5", Name = "m1.xlarge", RamMb = 16384, Vcpus = 8, DiskGb = 160 },
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await db.Flavors.AnyAsync(cancellationToken))
        {
            db.Flavors.AddRange(DefaultFlavors.Select(f => new Flavor
                { Id = f.Id, Name = f.Name, RamMb = f.RamMb, Vcpus = f.Vcpus, DiskGb = f.DiskGb }));
            logger.LogInformation("Seeded {Count} default flavors", DefaultFlavors.Count);
        }
        foreach (var file in CatalogFile.LoadEmbedded())
            await SeedDatastoreAsync(file, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedDatastoreAsync(CatalogFile file, CancellationToken cancellationToken)
    {
        var datastore = await db.Datastores.SingleOrDefaultAsync(d => d.Name == file.Name, cancellationToken);
        if (datastore is null)
        {
            datastore = new Datastore { Id = Guid.NewGuid(), Name = file.Name };
            db.Datastores.Add(datastore);
            logger.LogInformation("Seeded datastore {Datastore}", file.Name);
        }

        foreach (var seed in file.Versions)
        {
            var version = await db.DatastoreVersions
                .SingleOrDefaultAsync(v => v.DatastoreId == datastore.Id && v.Name == seed.Name, cancellationToken);
            if (version is null)
            {
                version = new DatastoreVersion
                {
                    Id = Guid.NewGuid(), DatastoreId = datastore.Id, Name = seed.Name, Version = seed.Version,
                    Manager = file.Manager, ImageTags = [.. seed.ImageTags ?? []], Packages = [.. seed.Packages ?? []],
                    Active = seed.Active,
                };
                db.DatastoreVersions.Add(version);
            }
            if (seed.Name == file.DefaultVersion && datastore.DefaultVersionId is null)
                datastore.DefaultVersionId = version.Id;

            var known = await db.ConfigurationParameters.Where(p => p.DatastoreVersionId == version.Id)
                .Select(p => p.Name).ToListAsync(cancellationToken);
            foreach (var parameter in file.Parameters.Where(p => !known.Contains(p.Name)))
                db.ConfigurationParameters.Add(new ConfigurationParameter
                {
                    Id = Guid.NewGuid(), DatastoreVersionId = version.Id, Name = parameter.Name, DataType = parameter.Type,
                    MinValue = parameter.Min, MaxValue = parameter.Max, RestartRequired = parameter.RestartRequired,
                    Dynamic = parameter.Dynamic, DefaultValue = parameter.Default,
                    AllowedValues = parameter.AllowedValues is null ? null : [.. parameter.AllowedValues],
                    Unit = parameter.Unit, Description = parameter.Description,
                });
        }
    }
}
