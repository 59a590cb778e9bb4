using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Auth;

/// <summary>The catalog from a Keystone token: which URL serves which service type, per interface and region.</summary>
internal sealed class ServiceCatalog(JsonArray services)
{
    public const string DatabaseServiceType = "database";

    public Uri EndpointFor(string serviceType, string endpointInterface, string? region)
    {
        var wanted = NormalizeInterface(endpointInterface);
        var endpoints = services.Objects()
            .Where(service => service.Text("type") == serviceType)
            .SelectMany(service => (service["endpoints"] as JsonArray ?? []).Objects())
            .ToList();

        var match = endpoints.FirstOrDefault(endpoint =>
            NormalizeInterface(endpoint.Text("interface") ?? "") == wanted &&
            (region is null || endpoint.Text("region") == region || endpoint.Text("region_id") == region));

        if (match?.Text("url") is { } text)
        {
            return HttpUrl.TryParse(text, out var url)
                ? url
                : throw new CliError($"The service catalog lists '{text}' as the {serviceType} endpoint, which is not an http(s) URL.");
        }
        throw new CliError(NoMatchMessage(serviceType, wanted, region, endpoints));
    }

    // The openstack CLI also accepts the Keystone v2 spellings (publicURL, internalURL, adminURL).
    private static string NormalizeInterface(string value)
    {
        var lower = value.ToLowerInvariant();
        return lower.EndsWith("url", StringComparison.Ordinal) ? lower[..^3] : lower;
    }

    private static string NoMatchMessage(string serviceType, string wanted, string? region, List<JsonObject> endpoints)
    {
        var where = region is null ? $"interface '{wanted}'" : $"interface '{wanted}' in region '{region}'";
        if (endpoints.Count == 0)
        {
            return $"The service catalog has no '{serviceType}' service.";
        }
        var offered = endpoints.Select(e => $"{e.Text("interface")}/{e.Text("region") ?? e.Text("region_id") ?? "any region"}");
        return $"The service catalog has no '{serviceType}' endpoint for {where}; it offers {string.Join(", ", offered)}.";
    }
}
