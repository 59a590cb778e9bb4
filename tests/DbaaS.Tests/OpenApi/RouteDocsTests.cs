using System.Text.Json;
using System.Text.RegularExpressions;
using DbaaS.Api.OpenApi;

namespace DbaaS.Tests.OpenApi;

/// <summary>The route docs on their own; that each real route has one is checked against the running app in the integration tests.</summary>
public sealed partial class RouteDocsTests
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly int[] SuccessStatuses = [200, 201, 202, 204];
    private static readonly int[] FaultStatuses = [400, 401, 403, 404, 409, 413, 422, 500, 503];

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var doc in RouteDocs.All.Values)
        foreach (var (name, json) in doc.Examples())
            data.Add(name, json);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_valid_JSON(string name, string json)
    {
        // Strict: no comments, no trailing commas, one value. The name only labels the case.
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        Assert.True(document.RootElement.ValueKind == JsonValueKind.Object, $"{name}: a body should be a JSON object");
    }

    [Fact]
    public void Routes_are_a_method_and_a_path_as_the_document_writes_it()
    {
        foreach (var route in RouteDocs.All.Keys)
        {
            var doc = RouteDocs.All[route];
            Assert.Contains(doc.Method, Methods);
            Assert.True(doc.Path == RouteDocs.PathOf(doc.Path), $"'{route}': one leading slash, none trailing");
            Assert.DoesNotContain(' ', doc.Path);
        }
    }

    [Fact]
    public void Statuses_are_those_the_handlers_give_and_bodies_match_them()
    {
        foreach (var doc in RouteDocs.All.Values)
        {
            Assert.True(SuccessStatuses.Contains(doc.Status), $"{doc.Route}: success status {doc.Status}");
            var bodiless = doc.Status is 202 or 204 || doc.Method == "HEAD";
            Assert.True(bodiless == (doc.Response is null), $"{doc.Route}: a {doc.Status} {(bodiless ? "has no" : "needs a")} body example");
            if (doc.Response is null) Assert.Empty(doc.ResponseVariants);
            if (doc.Request is null) Assert.Empty(doc.RequestVariants);
            foreach (var error in doc.Errors)
                Assert.True(FaultStatuses.Contains(error.Status), $"{doc.Route}: fault status {error.Status}");
            Assert.Equal(doc.Errors.Count, doc.Errors.Select(e => e.Status).Distinct().Count());
        }
    }

    [Fact]
    public void Every_path_parameter_is_explained()
    {
        foreach (var doc in RouteDocs.All.Values)
        foreach (Match match in PathParameter().Matches(doc.Path))
            Assert.True(OperationWriter.PathParameters.ContainsKey(match.Groups[1].Value), $"{doc.Route}: explain {{{match.Groups[1].Value}}}");
    }

    [Fact]
    public void Only_login_version_discovery_and_health_are_anonymous()
    {
        var anonymous = RouteDocs.All.Values.Where(d => d.Anonymous).Select(d => d.Route).Order();
        Assert.Equal(["GET /", "GET /healthz", "GET /readyz", "GET /v1.0", "GET /v3", "POST /v3/auth/tokens"], anonymous);
    }

    [Fact]
    public void Example_names_within_a_body_are_distinct()
    {
        foreach (var doc in RouteDocs.All.Values)
        {
            Assert.Equal(doc.RequestVariants.Count, doc.RequestVariants.Select(v => v.Summary).Distinct().Count());
            Assert.Equal(doc.ResponseVariants.Count, doc.ResponseVariants.Select(v => v.Summary).Distinct().Count());
        }
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();
}
