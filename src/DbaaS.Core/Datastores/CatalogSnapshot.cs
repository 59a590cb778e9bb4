using DbaaS.Core.Flavors;

namespace DbaaS.Core.Datastores;

/// <summary>The whole catalog in memory: small, read on nearly every request, changed rarely by admins.</summary>
public sealed class CatalogSnapshot
{
    private const int MaxRenderedResponses = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _rendered = new(StringComparer.Ordinal);

    /// <summary>
    /// A response body built from this snapshot alone, kept until the snapshot is replaced: the catalog lists
    /// are identical for every request of a tenant at one base URL, so they are serialized once.
    /// </summary>
    public byte[] Rendered(string key, Func<byte[]> render)
    {
        if (_rendered.TryGetValue(key, out var body)) return body;
        if (_rendered.Count >= MaxRenderedResponses) _rendered.Clear();
        return _rendered.GetOrAdd(key, _ => render());
    }

    public required IReadOnlyList<Flavor> Flavors { get; init; }
    public required IReadOnlyList<Datastore> Datastores { get; init; }
    public required IReadOnlyList<DatastoreVersion> Versions { get; init; }
    public required IReadOnlyDictionary<Guid, IReadOnlySet<string>> FlavorsByVersion { get; init; }
    public required IReadOnlyDictionary<Guid, IReadOnlyList<ConfigurationParameter>> ParametersByVersion { get; init; }

    public Flavor? FindFlavor(string id) => Flavors.FirstOrDefault(f => f.Id == id);

    /// <summary>Trove accepts a datastore's id or its name wherever it takes one.</summary>
    public Datastore? FindDatastore(string idOrName) =>
        Guid.TryParse(idOrName, out var id)
            ? Datastores.FirstOrDefault(d => d.Id == id)
            : Datastores.FirstOrDefault(d => string.Equals(d.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    public DatastoreVersion? FindVersion(Guid id) => Versions.FirstOrDefault(v => v.Id == id);

    public DatastoreVersion? FindVersion(Datastore datastore, string idOrName) =>
        Guid.TryParse(idOrName, out var id)
            ? Versions.FirstOrDefault(v => v.Id == id && v.DatastoreId == datastore.Id)
            : Versions.FirstOrDefault(v => v.DatastoreId == datastore.Id && v.Name == idOrName);

    public IEnumerable<DatastoreVersion> VersionsOf(Datastore datastore, bool activeOnly) =>
        Versions.Where(v => v.DatastoreId == datastore.Id && (!activeOnly || v.Active));

    public Datastore DatastoreOf(DatastoreVersion version) => Datastores.First(d => d.Id == version.DatastoreId);

    /// <summary>As in Trove: a version with no flavor associations accepts every flavor.</summary>
    public IEnumerable<Flavor> FlavorsFor(DatastoreVersion version) =>
        FlavorsByVersion.TryGetValue(version.Id, out var ids) && ids.Count > 0
            ? Flavors.Where(f => ids.Contains(f.Id))
            : Flavors;

    public IReadOnlyList<ConfigurationParameter> ParametersOf(DatastoreVersion version) =>
        ParametersByVersion.TryGetValue(version.Id, out var parameters) ? parameters : [];
}
