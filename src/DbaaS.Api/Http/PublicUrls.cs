using System.Text.Json.Serialization;

namespace DbaaS.Api.Http;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The base URL clients reach the API at (e.g. behind a proxy); taken from each request when unset.</summary>
    public string? PublicUrl { get; set; }

    public string Region { get; set; } = "RegionOne";
}

/// <summary>Builds the absolute URLs of links and of the service catalog.</summary>
public sealed class PublicUrls(Microsoft.Extensions.Options.IOptions<ApiOptions> options)
{
    public string Base(HttpRequest request) =>
        options.Value.PublicUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    public string Region => options.Value.Region;

    public IReadOnlyList<Link> SelfAndBookmark(HttpRequest request, string tenantId, string relative)
    {
        var root = Base(request);
        return [new Link($"{root}/v1.0/{tenantId}/{relative}", "self"), new Link($"{root}/{relative}", "bookmark")];
    }
}

/// <summary>
/// Trove's link (<c>{"href", "rel"}</c>). The names are fixed here because the catalog lists are serialized with
/// default options (no camelCase) for their byte cache, and clients look for lowercase keys.
/// </summary>
public sealed record Link([property: JsonPropertyName("href")] string Href, [property: JsonPropertyName("rel")] string Rel);
