using DbaaS.Contracts.Datastores;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Errors;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Access;

/// <summary>The databases inside a tenant's instance (Trove's databases extension), through its guest.</summary>
public sealed class DatabaseAccess(AccessTargets targets, AccessGuestCalls calls, IOptions<AccessOptions> options)
{
    public const int MaxPerRequest = 100;

    public async Task<ListPage<DatabaseSpec>> ListAsync(string projectId, string instanceId, int? limit, string? marker, CancellationToken cancellationToken)
    {
        var all = await AllAsync(projectId, instanceId, cancellationToken);
        return ListPaging.Page(all, d => d.Name, (d, after) => string.CompareOrdinal(d.Name, after) > 0, limit, marker, options.Value);
    }

    public async Task<DatabaseSpec> GetAsync(string projectId, string instanceId, string name, CancellationToken cancellationToken) =>
        (await AllAsync(projectId, instanceId, cancellationToken)).FirstOrDefault(d => d.Name == name)
        ?? throw new NotFoundException($"Database '{name}' could not be found on instance {instanceId}.");

    public async Task CreateAsync(string projectId, string instanceId, IReadOnlyList<DatabaseSpec> databases, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.ManageDatabases, "creating databases", cancellationToken);
        if (databases.Count is 0 or > MaxPerRequest)
            throw new BadRequestException($"Give 1 to {MaxPerRequest} databases, not {databases.Count}.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            target.Rules.ValidateDatabaseName(database.Name);
            if (!names.Add(database.Name)) throw new BadRequestException($"Database '{database.Name}' is listed twice.");
            if (database.CharacterSet is not null || database.Collate is not null)
                target.Require(DatastoreCapabilities.DatabaseCharacterSets, "character sets and collations on databases");
            EngineObjectRules.ValidateCharsetField("character_set", database.CharacterSet);
            EngineObjectRules.ValidateCharsetField("collate", database.Collate);
        }
        await calls.CallAsync(target, GuestMethods.CreateDatabase, new CreateDatabasesArgs(databases), cancellationToken);
    }

    public async Task DeleteAsync(string projectId, string instanceId, string name, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.ManageDatabases, "deleting databases", cancellationToken);
        target.Rules.ValidateDatabaseName(name);
        await calls.CallAsync(target, GuestMethods.DeleteDatabase, new DatabaseRef(name), cancellationToken);
    }

    async Task<IReadOnlyList<DatabaseSpec>> AllAsync(string projectId, string instanceId, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.ListDatabases, "listing databases", cancellationToken);
        var list = await calls.CallAsync(target, GuestMethods.ListDatabases, null, GuestJson.Default.DatabaseList, cancellationToken);
        // The guest sorts already; sorting again keeps paging right whatever a guest does.
        return list.Databases.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }
}
