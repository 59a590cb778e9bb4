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

public sealed record Link(string Href, string Rel);
