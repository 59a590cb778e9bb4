using System.Collections.Concurrent;
using DbaaS.Core.Data;

namespace DbaaS.Core.Instances;

/// <summary>
/// The tenant reads (<c>GET /instances</c>, <c>GET /instances/{id}</c>) served from memory. A trigger on the instances
/// table NOTIFYs every change, whoever makes it (migrations/0004), and <see cref="ChangeListener"/> brings it here:
/// the changed row is dropped, and the project's ordering too when an instance joined or left its listing. Writes
/// made by this process drop what they changed at commit as well, so a caller reads its own writes at once.
/// <para>
/// Two rules keep it from ever serving a row older than the last change it was told of: nothing is served while the
/// listener is not listening (<see cref="ChangeListenerHub.Listening"/>), and a load that raced a change of the same
/// row or project is returned to its caller but not kept (generation counters, striped to bound their memory).
/// </para>
/// </summary>
public sealed class InstanceReadCache
{
    const string Prefix = "instance:";
    const int Stripes = 1024;

    readonly ChangeListenerHub _hub;
    readonly ConcurrentDictionary<Guid, Instance> _rows = new();
    readonly ConcurrentDictionary<string, ProjectListing> _listings = new(StringComparer.Ordinal);
    readonly long[] _rowGenerations = new long[Stripes];
    readonly long[] _listingGenerations = new long[Stripes];
    long _epoch;

    public InstanceReadCache(ChangeListenerHub hub)
    {
        _hub = hub;
        hub.Subscribe(OnChange, Clear);
    }

    public bool Serving => _hub.Listening;

    /// <summary>Taken before a load; <see cref="KeepRow"/> keeps the loaded row only if nothing changed since.</summary>
    public readonly record struct Ticket(long Epoch, long Generation);

    public Ticket RowTicket(Guid id) => new(Volatile.Read(ref _epoch), Volatile.Read(ref _rowGenerations[Stripe(id)]));

    public Ticket ListingTicket(string projectId) =>
        new(Volatile.Read(ref _epoch), Volatile.Read(ref _listingGenerations[Stripe(projectId)]));

    public bool TryGetRow(Guid id, out Instance instance) => _rows.TryGetValue(id, out instance!);

    public bool TryGetListing(string projectId, out ProjectListing listing) => _listings.TryGetValue(projectId, out listing!);

    /// <summary>Only undeleted rows are kept: a deleted instance is "not found" to tenants and not worth memory.</summary>
    public void KeepRow(Instance instance, Ticket ticket)
    {
        if (instance.Deleted || !Serving) return;
        _rows[instance.Id] = instance;
        // Re-check after writing: a change that landed between the ticket and the write must win.
        if (ticket != RowTicket(instance.Id)) _rows.TryRemove(new KeyValuePair<Guid, Instance>(instance.Id, instance));
    }

    public void KeepListing(string projectId, ProjectListing listing, Ticket ticket)
    {
        if (!Serving) return;
        _listings[projectId] = listing;
        if (ticket != ListingTicket(projectId)) _listings.TryRemove(new KeyValuePair<string, ProjectListing>(projectId, listing));
    }

    /// <summary>The row changed; <paramref name="listingChanged"/> when it joined or left its project's listing.</summary>
    public void Changed(Guid id, string projectId, bool listingChanged)
    {
        Interlocked.Increment(ref _rowGenerations[Stripe(id)]);
        _rows.TryRemove(id, out _);
        if (!listingChanged) return;
        Interlocked.Increment(ref _listingGenerations[Stripe(projectId)]);
        _listings.TryRemove(projectId, out _);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        _rows.Clear();
        _listings.Clear();
    }

    void OnChange(string payload)
    {
        if (!payload.StartsWith(Prefix, StringComparison.Ordinal)) return;
        // instance:<op>:<id>:<project>; a payload we cannot read drops everything rather than risk a stale row.
        var parts = payload[Prefix.Length..].Split(':', 3);
        if (parts.Length != 3 || parts[0].Length != 1 || !Guid.TryParse(parts[1], out var id))
        {
            Clear();
            return;
        }
        Changed(id, parts[2], listingChanged: parts[0] != "u");
    }

    static int Stripe(Guid id) => (id.GetHashCode() & int.MaxValue) % Stripes;
    static int Stripe(string projectId) => (StringComparer.Ordinal.GetHashCode(projectId) & int.MaxValue) % Stripes;
}

/// <summary>A project's undeleted instances in listing order (created, id), and where each id sits in it.</summary>
public sealed class ProjectListing
{
    readonly Guid[] _ids;
    readonly Dictionary<Guid, int> _positions;

    public ProjectListing(IReadOnlyList<Guid> idsInOrder)
    {
        _ids = [.. idsInOrder];
        _positions = new Dictionary<Guid, int>(_ids.Length);
        for (var i = 0; i < _ids.Length; i++) _positions[_ids[i]] = i;
    }

    public int Count => _ids.Length;

    /// <summary>The ids after <paramref name="marker"/> (from the start when null), at most <paramref name="take"/>; null when the marker is not in the listing.</summary>
    public ArraySegment<Guid>? After(Guid? marker, int take)
    {
        var start = 0;
        if (marker is { } id)
        {
            if (!_positions.TryGetValue(id, out var position)) return null;
            start = position + 1;
        }
        return new ArraySegment<Guid>(_ids, start, Math.Min(take, _ids.Length - start));
    }
}
