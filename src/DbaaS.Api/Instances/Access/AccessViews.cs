using DbaaS.Api.Http;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Access;

namespace DbaaS.Api.Instances.Access;

/// <summary>Trove's shapes for databases, users and root (see the trove-api-samples).</summary>
public static class AccessViews
{
    const string TroveTime = "yyyy-MM-ddTHH:mm:ss";

    public static object Database(DatabaseSpec database) => new { name = database.Name };

    /// <summary>host only where the engine has hosts (MySQL, MariaDB).</summary>
    public static Dictionary<string, object?> User(UserInfo user)
    {
        var view = new Dictionary<string, object?> { ["name"] = user.Name };
        if (user.Host is not null) view["host"] = user.Host;
        view["databases"] = Databases(user.Databases);
        return view;
    }

    public static object[] Databases(IEnumerable<string> names) => names.Select(name => (object)new { name }).ToArray();

    /// <summary>Trove's mgmt root view: "Never" and "Nobody" when root was never enabled.</summary>
    public static object RootHistory(RootHistory history) => new
    {
        root_history = new
        {
            id = history.InstanceId,
            enabled = history.Enabled?.ToString(TroveTime) ?? "Never",
            user = history.UserId ?? "Nobody",
        },
    };

    /// <summary>Trove's pagination: a next link only when more follow, carrying the page's last item as marker.</summary>
    public static IReadOnlyList<Link> NextLinks(HttpRequest request, PublicUrls urls, string tenantId, string instanceId, string collection,
        int? limit, string? nextMarker)
    {
        if (nextMarker is null) return [];
        var marker = Uri.EscapeDataString(nextMarker);
        var query = limit is null ? $"marker={marker}" : $"limit={limit}&marker={marker}";
        return [new Link($"{urls.Base(request)}/v1.0/{tenantId}/instances/{instanceId}/{collection}?{query}", "next")];
    }
}
