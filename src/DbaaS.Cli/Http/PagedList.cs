using System.Text.Json.Nodes;
using System.Web;

namespace DbaaS.Cli.Http;

/// <summary>One page of a Trove list and the marker of the next page, or null on the last page.</summary>
internal sealed record Page(IReadOnlyList<JsonObject> Items, string? NextMarker);

/// <summary>
/// Reads Trove's paginated lists: <c>{"instances":[…], "links":[{"rel":"next","href":"…?limit=N&amp;marker=ID"}]}</c>.
/// Like troveclient, it takes only the marker out of the next link and asks its own endpoint again, because the
/// server writes the link with the host it believes it has, which behind a proxy is not the one we can reach.
/// </summary>
internal static class PagedList
{
    public static async Task<Page> PageAsync(
        ApiClient api, string path, string envelope, IEnumerable<(string Name, string Value)> query, int? limit, string? marker,
        CancellationToken cancellation)
    {
        var parameters = query.ToList();
        if (limit is { } size)
        {
            parameters.Add(("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (marker is not null)
        {
            parameters.Add(("marker", marker));
        }

        var body = await api.GetAsync(path + QueryString(parameters), cancellation);
        var items = body.ListIn(envelope).Objects().ToList();
        return new Page(items, NextMarker(body, envelope));
    }

    /// <summary>Every page from <paramref name="marker"/> on, <paramref name="limit"/> items per request.</summary>
    public static async Task<List<JsonObject>> AllAsync(
        ApiClient api, string path, string envelope, IEnumerable<(string Name, string Value)> query, int? limit, string? marker,
        CancellationToken cancellation)
    {
        var fixedQuery = query.ToList();
        var all = new List<JsonObject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await PageAsync(api, path, envelope, fixedQuery, limit, marker, cancellation);
            all.AddRange(page.Items);
            if (page.NextMarker is null)
            {
                return all;
            }
            // A server that hands back a marker it already gave would otherwise keep us here forever.
            if (!seen.Add(page.NextMarker))
            {
                throw new CliError($"The server's next links repeat the marker '{page.NextMarker}'; stopped following them.");
            }
            marker = page.NextMarker;
        }
    }

    private static string? NextMarker(JsonNode? body, string envelope)
    {
        // Trove answers "links" (what troveclient follows); "<envelope>_links" is read too, as older DbaaS servers sent.
        var links = body?["links"] as JsonArray ?? body?[envelope + "_links"] as JsonArray ?? [];
        var next = links.Objects().FirstOrDefault(link => link.Text("rel") == "next");
        if (next?.Text("href") is not { } href)
        {
            return null;
        }
        var queryStart = href.IndexOf('?');
        var queryText = queryStart < 0 ? "" : href[queryStart..];
        return HttpUtility.ParseQueryString(queryText)["marker"] is { Length: > 0 } marker
            ? marker
            : throw new CliError($"The server's next-page link '{href}' carries no marker.");
    }

    private static string QueryString(IReadOnlyList<(string Name, string Value)> parameters) =>
        parameters.Count == 0
            ? ""
            : "?" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
}
