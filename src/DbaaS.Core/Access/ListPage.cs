using DbaaS.Core.Errors;

namespace DbaaS.Core.Access;

/// <summary>One page of a list the guest returns whole and sorted; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextMarker);

/// <summary>
/// Trove's pagination of databases and users: the marker is the last item of the previous page (a name, or
/// <c>name@host</c> for MySQL-family users); the page holds the items that sort after it.
/// </summary>
public static class ListPaging
{
    /// <param name="sorted">The whole list, in the guest's order.</param>
    /// <param name="keyOf">The item's marker text.</param>
    /// <param name="afterMarker">Whether an item sorts after the marker, in the list's order (so a marker that is gone still works).</param>
    public static ListPage<T> Page<T>(IReadOnlyList<T> sorted, Func<T, string> keyOf, Func<T, string, bool> afterMarker,
        int? limit, string? marker, AccessOptions options)
    {
        if (limit is < 1) throw new BadRequestException($"limit must be a positive integer, not {limit}.");
        var size = Math.Min(limit ?? options.DefaultPageSize, options.MaxPageSize);
        var rest = marker is null ? sorted : sorted.Where(item => afterMarker(item, marker)).ToList();
        return rest.Count > size ? new ListPage<T>(rest.Take(size).ToList(), keyOf(rest[size - 1])) : new ListPage<T>(rest, null);
    }
}
