using System.Text.Json;
using System.Text.RegularExpressions;
using DbaaS.Api.OpenApi;
using DbaaS.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DbaaS.IntegrationTests.Http;

/// <summary>
/// The OpenAPI document against the app's real endpoints: every route is in it, fully described, and it names no
/// route the app lacks. A new route without a summary, a <see cref="RouteDoc"/> or examples fails here.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiDocumentTests(DbaaSApp app)
{
    /// <summary>Keystone's role grant is a PUT without a body.</summary>
    private static readonly string[] BodilessWrites = ["PUT /v3/projects/{project_id}/users/{user_id}/roles/{role_id}"];

    private static readonly string[] AnonymousRoutes = ["GET /", "GET /v1.0", "GET /v3", "POST /v3/auth/tokens", "GET /healthz", "GET /readyz"];

    private static readonly int[] FaultStatuses = [400, 401, 403, 404, 409, 413, 422, 500, 503];

    [Fact]
    public async Task Every_route_of_the_app_is_documented_with_summary_parameters_bodies_examples_and_faults()
    {
        var document = await DocumentAsync(app);
        var problems = new List<string>();
        foreach (var (method, path) in AppRoutes(app))
        {
            var route = $"{method} {path}";
            if (!TryGetOperation(document, method, path, out var operation))
            {
                problems.Add($"{route}: not in the document");
                continue;
            }
            problems.AddRange(OperationProblems(route, method, path, operation));
        }
        Assert.True(problems.Count == 0, "The OpenAPI document falls short:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_document_names_no_route_the_app_lacks_and_every_route_doc_is_used()
    {
        var document = await DocumentAsync(app);
        var routes = AppRoutes(app).Select(r => $"{r.Method} {r.Path}").ToHashSet();
        var documented = Operations(document).Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.Empty(documented.Except(routes));
        Assert.Empty(RouteDocs.All.Keys.Except(routes));
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    [Fact]
    public async Task Operation_ids_are_unique_and_the_token_scheme_is_an_api_key_header()
    {
        var document = await DocumentAsync(app);
        var ids = Operations(document).Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("X-Auth-Token");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Auth-Token", scheme.GetProperty("name").GetString());
    }

    private static IEnumerable<string> OperationProblems(string route, string method, string path, JsonElement operation)
    {
        if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            yield return $"{route}: no summary (add .WithSummary(...) to the mapping)";
        if (!operation.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString()))
            yield return $"{route}: no operationId (add .WithName(...) to the mapping)";

        foreach (Match match in PathParameter().Matches(path))
        {
            var name = match.Groups[1].Value;
            var declared = operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p =>
                p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "path" &&
                p.TryGetProperty("required", out var required) && required.GetBoolean() &&
                p.TryGetProperty("description", out var description) && !string.IsNullOrWhiteSpace(description.GetString()));
            if (!declared) yield return $"{route}: path parameter {name} is not declared as required with a description";
        }

        var anonymous = AnonymousRoutes.Contains(route);
        var secured = operation.TryGetProperty("security", out var security) &&
                      security.EnumerateArray().Any(s => s.TryGetProperty("X-Auth-Token", out _));
        if (anonymous == secured) yield return $"{route}: {(anonymous ? "should not require" : "should require")} the X-Auth-Token scheme";

        if (method is "POST" or "PUT" or "PATCH" && !BodilessWrites.Contains(route))
        {
            if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("required", out var required) || !required.GetBoolean())
                yield return $"{route}: no required request body";
            else if (!HasJsonExample(body, out var why))
                yield return $"{route}: request body {why}";
        }

        var responses = operation.GetProperty("responses");
        var successes = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
        if (successes.Count == 0) yield return $"{route}: no 2xx response";
        foreach (var success in successes)
        {
            var bodiless = success.Name is "202" or "204" || method == "HEAD";
            if (bodiless && success.Value.TryGetProperty("content", out _))
                yield return $"{route}: {success.Name} should have no content";
            if (!bodiless && !HasJsonExample(success.Value, out var why))
                yield return $"{route}: {success.Name} {why}";
        }

        var implied = new List<int> { 500 };
        if (!anonymous) implied.Add(401);
        if (path.StartsWith("/v1.0/{tenant_id}/")) implied.AddRange([403, 413]);
        foreach (var status in implied.Where(s => !responses.TryGetProperty(s.ToString(), out _)))
            yield return $"{route}: no {status} response";

        foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
        {
            var status = int.Parse(response.Name);
            if (route == "GET /readyz" && status == 503) continue;
            if (!FaultStatuses.Contains(status)) yield return $"{route}: fault status {status} is not one the API gives";
            if (method == "HEAD") continue;
            if (!HasJsonExample(response.Value, out var why))
            {
                yield return $"{route}: {status} {why}";
                continue;
            }
            var example = response.Value.GetProperty("content").GetProperty("application/json").GetProperty("example");
            var fault = path.StartsWith("/v3") ? example.GetProperty("error") : example.EnumerateObject().Single().Value;
            if (fault.GetProperty("code").GetInt32() != status || fault.GetProperty("message").ValueKind != JsonValueKind.String)
                yield return $"{route}: the {status} example is not a fault with that code: {example}";
            if (path.StartsWith("/v3") && !fault.TryGetProperty("title", out _))
                yield return $"{route}: the {status} example lacks Keystone's title";
        }
    }

    private static bool HasJsonExample(JsonElement bodyOrResponse, out string why)
    {
        why = "";
        if (!bodyOrResponse.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var media))
            why = "has no application/json content";
        else if (!media.TryGetProperty("schema", out _))
            why = "has no schema";
        else if (!media.TryGetProperty("example", out _) &&
                 !(media.TryGetProperty("examples", out var examples) && examples.EnumerateObject().Any()))
            why = "has no example";
        return why.Length == 0;
    }

    internal static async Task<JsonElement> DocumentAsync(DbaaSApp app)
    {
        var response = await app.Client().GetAsync("/swagger/v1/swagger.json", null);
        response.AssertStatus(200);
        return response.Body;
    }

    /// <summary>Each route endpoint and method; an endpoint without a method list (a health check) is listed as GET.</summary>
    internal static IEnumerable<(string Method, string Path)> AppRoutes(DbaaSApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, RouteDocs.PathOf(e.RoutePattern.RawText))));

    internal static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "head" or "post" or "put" or "patch" or "delete")
            .Select(o => (o.Name.ToUpperInvariant(), path.Name, o.Value)));

    private static bool TryGetOperation(JsonElement document, string method, string path, out JsonElement operation)
    {
        operation = default;
        return document.GetProperty("paths").TryGetProperty(path, out var item) &&
               item.TryGetProperty(method.ToLowerInvariant(), out operation);
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();
}
