using DbaaS.Core.Data;
using DbaaS.Core.Errors;
using DbaaS.Core.Flavors;
using Microsoft.EntityFrameworkCore;

namespace DbaaS.Core.Datastores;

public sealed record NewDatastoreVersion(
    string DatastoreName, string Manager, string Name, string Version, string? ImageId,
    IReadOnlyList<string> ImageTags, IReadOnlyList<string> Packages, bool Active, bool Default);

public sealed record DatastoreVersionChanges(
    string? Name, string? Version, string? Manager, string? ImageId, bool ClearImage, IReadOnlyList<string>? ImageTags,
    IReadOnlyList<string>? Packages, bool? Active, bool? Default);

public sealed record ParameterRule(
    string Name, string DataType, decimal? Min, decimal? Max, bool RestartRequired, bool? Dynamic,
    string? Default, IReadOnlyList<string>? AllowedValues, string? Unit, string? Description);

/// <summary>Admin changes to flavors, datastores, versions and parameters. Every change drops every server's catalog cache.</summary>
public sealed class CatalogAdmin(DbaaSDbContext db, ChangeNotifier notifier)
{
    public async Task<Flavor> CreateFlavorAsync(Flavor flavor, CancellationToken cancellationToken)
    {
        var existing = await db.Flavors.AsNoTracking().SingleOrDefaultAsync(f => f.Id == flavor.Id, cancellationToken);
        if (existing is not null)
            throw new ConflictException(existing.Deleted
                ? $"Flavor id {flavor.Id} belonged to a deleted flavor; ids are never reused, so instances keep an unambiguous flavor."
                : $"Flavor with id {flavor.Id} already exists.");
        db.Flavors.Add(flavor);
        await SaveAsync($"Flavor with name {flavor.Name} already exists.", cancellationToken);
        return flavor;
    }

    public async Task DeleteFlavorAsync(string id, CancellationToken cancellationToken)
    {
        var flavor = await db.Flavors.SingleOrDefaultAsync(f => f.Id == id && !f.Deleted, cancellationToken)
                     ?? throw new NotFoundException($"Flavor {id} could not be found.");
        flavor.Deleted = true;
        flavor.DeletedAt = DateTime.UtcNow;
        await db.DatastoreVersionFlavors.Where(l => l.FlavorId == id).ExecuteDeleteAsync(cancellationToken);
        await SaveAsync(null, cancellationToken);
    }

    public async Task DeleteDatastoreAsync(Guid id, CancellationToken cancellationToken)
    {
        var datastore = await db.Datastores.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
                        ?? throw new NotFoundException($"Datastore {id} cannot be found.");
        if (await db.DatastoreVersions.AnyAsync(v => v.DatastoreId == id, cancellationToken))
            throw new BadRequestException($"Datastore {datastore.Name} still has versions; delete them first.");
        db.Datastores.Remove(datastore);
        await SaveAsync(null, cancellationToken);
    }

    public async Task<DatastoreVersion> CreateVersionAsync(NewDatastoreVersion request, CancellationToken cancellationToken)
    {
        RequireKnownManager(request.Manager);
        // As Trove: creating a version of an unknown datastore creates the datastore. Names match without regard to
        // case, as every lookup does: a second "MySQL" next to "mysql" could never be found by name.
        var datastore = await db.Datastores
            .FirstOrDefaultAsync(d => d.Name.ToLower() == request.DatastoreName.ToLower(), cancellationToken);
        if (datastore is null)
        {
            datastore = new Datastore { Id = Guid.NewGuid(), Name = request.DatastoreName };
            db.Datastores.Add(datastore);
        }
        else if (await db.DatastoreVersions.AnyAsync(v => v.DatastoreId == datastore.Id && v.Name == request.Name, cancellationToken))
            throw new ConflictException($"Datastore version {request.Name} of datastore {request.DatastoreName} already exists.");

        var version = new DatastoreVersion
        {
            Id = Guid.NewGuid(), DatastoreId = datastore.Id, Name = request.Name, Version = request.Version,
            Manager = request.Manager, ImageId = request.ImageId, ImageTags = [.. request.ImageTags],
            Packages = [.. request.Packages], Active = request.Active,
        };
        db.DatastoreVersions.Add(version);
        if (request.Default || datastore.DefaultVersionId is null) datastore.DefaultVersionId = version.Id;
        await SaveAsync($"Datastore version {request.Name} of datastore {request.DatastoreName} already exists.", cancellationToken);
        return version;
    }

    public async Task<DatastoreVersion> UpdateVersionAsync(Guid id, DatastoreVersionChanges changes, CancellationToken cancellationToken)
    {
        var version = await db.DatastoreVersions.SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
                      ?? throw new NotFoundException($"Datastore version {id} cannot be found.");
        if (changes.Manager is not null) { RequireKnownManager(changes.Manager); version.Manager = changes.Manager; }
        if (changes.Name is not null) version.Name = changes.Name;
        if (changes.Version is not null) version.Version = changes.Version;
        if (changes.ClearImage) version.ImageId = null;
        else if (changes.ImageId is not null) version.ImageId = changes.ImageId;
        if (changes.ImageTags is not null) version.ImageTags = [.. changes.ImageTags];
        if (changes.Packages is not null) version.Packages = [.. changes.Packages];
        if (changes.Active is not null) version.Active = changes.Active.Value;
        version.UpdatedAt = DateTime.UtcNow;
        if (changes.Default is not null)
        {
            var datastore = await db.Datastores.SingleAsync(d => d.Id == version.DatastoreId, cancellationToken);
            if (changes.Default.Value) datastore.DefaultVersionId = version.Id;
            else if (datastore.DefaultVersionId == version.Id) datastore.DefaultVersionId = null;
        }
        await SaveAsync($"Datastore version {version.Name} already exists in its datastore.", cancellationToken);
        return version;
    }

    public async Task DeleteVersionAsync(Guid id, CancellationToken cancellationToken)
    {
        var version = await db.DatastoreVersions.SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
                      ?? throw new NotFoundException($"Datastore version {id} cannot be found.");
        await db.Datastores.Where(d => d.DefaultVersionId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DefaultVersionId, (Guid?)null), cancellationToken);
        db.DatastoreVersions.Remove(version);
        await SaveAsync(null, cancellationToken);
    }

    public async Task<ConfigurationParameter> CreateParameterAsync(Guid versionId, ParameterRule rule, CancellationToken cancellationToken)
    {
        await RequireVersionAsync(versionId, cancellationToken);
        ValidateRule(rule);
        if (await db.ConfigurationParameters.AnyAsync(p => p.DatastoreVersionId == versionId && p.Name == rule.Name && !p.Deleted, cancellationToken))
            throw new ConflictException($"Configuration parameter {rule.Name} already exists for datastore version {versionId}.");
        var parameter = new ConfigurationParameter { Id = Guid.NewGuid(), DatastoreVersionId = versionId, Name = rule.Name, DataType = rule.DataType };
        Apply(parameter, rule);
        db.ConfigurationParameters.Add(parameter);
        await SaveAsync($"Configuration parameter {rule.Name} already exists for datastore version {versionId}.", cancellationToken);
        return parameter;
    }

    public async Task<ConfigurationParameter> UpdateParameterAsync(Guid versionId, string name, ParameterRule rule, CancellationToken cancellationToken)
    {
        var parameter = await FindParameterAsync(versionId, name, cancellationToken);
        ValidateRule(rule);
        if (rule.Name != name)
            throw new BadRequestException($"The parameter's name cannot change: the URL names '{name}', the body '{rule.Name}'.");
        parameter.DataType = rule.DataType;
        Apply(parameter, rule);
        await SaveAsync(null, cancellationToken);
        return parameter;
    }

    public async Task DeleteParameterAsync(Guid versionId, string name, CancellationToken cancellationToken)
    {
        var parameter = await FindParameterAsync(versionId, name, cancellationToken);
        parameter.Deleted = true;
        parameter.DeletedAt = DateTime.UtcNow;
        await SaveAsync(null, cancellationToken);
    }

    private static void Apply(ConfigurationParameter parameter, ParameterRule rule)
    {
        parameter.MinValue = rule.Min;
        parameter.MaxValue = rule.Max;
        parameter.RestartRequired = rule.RestartRequired;
        parameter.Dynamic = rule.Dynamic ?? !rule.RestartRequired;
        parameter.DefaultValue = rule.Default;
        parameter.AllowedValues = rule.AllowedValues is null ? null : [.. rule.AllowedValues];
        parameter.Unit = rule.Unit;
        parameter.Description = rule.Description;
    }

    private static void ValidateRule(ParameterRule rule)
    {
        if (!ParameterTypes.All.Contains(rule.DataType))
            throw new BadRequestException($"data_type '{rule.DataType}' is not one of {string.Join(", ", ParameterTypes.All)}.");
        var numeric = rule.DataType is ParameterTypes.Integer or ParameterTypes.Float;
        if (!numeric && (rule.Min is not null || rule.Max is not null))
            throw new BadRequestException($"min_size and max_size apply only to integer and float parameters, not {rule.DataType}.");
        // An integer's bounds are shown as JSON integers; a fractional one could not be, and is a typo for a float.
        if (rule.DataType == ParameterTypes.Integer && (IsFractional(rule.Min) || IsFractional(rule.Max)))
            throw new BadRequestException("min_size and max_size of an integer parameter must be whole numbers.");
        if (rule.Min > rule.Max)
            throw new BadRequestException($"min_size ({rule.Min}) is greater than max_size ({rule.Max}).");
        if (rule.AllowedValues is not null && rule.DataType != ParameterTypes.String)
            throw new BadRequestException("allowed_values applies only to string parameters.");
        if (rule.Dynamic == true && rule.RestartRequired)
            throw new BadRequestException("A parameter cannot be both dynamic and restart_required.");
    }

    private static bool IsFractional(decimal? value) => value is { } number && number != decimal.Truncate(number);

    private async Task RequireVersionAsync(Guid versionId, CancellationToken cancellationToken)
    {
        if (!await db.DatastoreVersions.AnyAsync(v => v.Id == versionId, cancellationToken))
            throw new NotFoundException($"Datastore version {versionId} cannot be found.");
    }

    private async Task<ConfigurationParameter> FindParameterAsync(Guid versionId, string name, CancellationToken cancellationToken)
    {
        await RequireVersionAsync(versionId, cancellationToken);
        return await db.ConfigurationParameters.SingleOrDefaultAsync(p => p.DatastoreVersionId == versionId && p.Name == name && !p.Deleted, cancellationToken)
               ?? throw new NotFoundException($"Configuration parameter {name} cannot be found for datastore version {versionId}.");
    }

    private static void RequireKnownManager(string manager)
    {
        if (!DatastoreManagers.Known.Contains(manager))
            throw new BadRequestException($"Datastore manager '{manager}' is not one of {string.Join(", ", DatastoreManagers.Known)}.");
    }

    private async Task SaveAsync(string? conflictMessage, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException(conflictMessage ?? "The change conflicts with an existing entry.");
        }
        await notifier.NotifyAsync(ChangeNotifier.CatalogChanged, cancellationToken);
    }
}
