using DbaaS.Api.Http;

namespace DbaaS.Api.Versions;

/// <summary>Trove's version discovery: unauthenticated, as clients call it before they log in.</summary>
public static class VersionsApi
{
    public static IEndpointRouteBuilder MapVersionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpRequest request, PublicUrls urls) =>
            Results.Json(new { versions = new[] { Version(urls.Base(request)) } }))
            .WithTags("Versions").WithName("ListApiVersions").WithSummary("List the API versions");
        app.MapGet("/v1.0", (HttpRequest request, PublicUrls urls) =>
            Results.Json(new { version = Version(urls.Base(request)) }))
            .WithTags("Versions").WithName("ShowApiVersion").WithSummary("Show API version v1.0");
        return app;
    }

    private static object Version(string baseUrl) => new
    {
        id = "v1.0",
        links = new[] { new Link($"{baseUrl}/v1.0/", "self") },
        status = "CURRENT",
        updated = "2012-08-01T00:00:00Z",
    };
}
