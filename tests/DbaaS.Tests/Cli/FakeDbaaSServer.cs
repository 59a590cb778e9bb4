using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

/// <summary>
/// A fake Keystone plus DbaaS API behind an HttpMessageHandler: it answers canned JSON for exact
/// "METHOD url" routes, keeps instances in a <see cref="FakeInstanceStore"/>, and records every request, so
/// CLI tests can check what was sent. The real server is tested elsewhere; nothing here listens on a socket.
/// </summary>
public sealed class FakeDbaaSServer : HttpMessageHandler
{
    public const string AuthUrl = "http://keystone.test:5000/v3";
    public const string ProjectId = "9f8dd5eacb074c9f87d2d822c9092aa5";
    public const string DatabaseUrl = "http://dbaas.test:8779/v1.0/" + ProjectId;
    public const string InternalDatabaseUrl = "http://dbaas-internal.test:8779/v1.0/" + ProjectId;
    public const string RegionTwoDatabaseUrl = "http://dbaas-r2.test:8779/v1.0/" + ProjectId;
    public const string IssuedToken = "gAAAAABfake-issued-token";

    private readonly Dictionary<string, (HttpStatusCode Status, string Body, string? Token)> _routes = new();

    public FakeDbaaSServer()
    {
        Answer(HttpMethod.Post, AuthUrl + "/auth/tokens", HttpStatusCode.Created, KeystoneTokenBody, subjectToken: IssuedToken);
    }

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>The instances behind /instances and /mgmt/instances; canned routes still win over them.</summary>
    public FakeInstanceStore Instances { get; } = new();

    /// <summary>When set, every request fails the way a refused TCP connection does.</summary>
    public bool Unreachable { get; set; }

    public IEnumerable<RecordedRequest> RequestsAfterLogin => Requests.Where(r => !r.Url.AbsolutePath.EndsWith("/auth/tokens"));

    public static string Database(string path) => DatabaseUrl + "/" + path;

    public static string Identity(string path) => AuthUrl + "/" + path;

    public FakeDbaaSServer Answer(HttpMethod method, string url, HttpStatusCode status, string body, string? subjectToken = null)
    {
        _routes[Key(method, new Uri(url))] = (status, body, subjectToken);
        return this;
    }

    public FakeDbaaSServer Answer(HttpMethod method, string url, string body) => Answer(method, url, HttpStatusCode.OK, body);

    /// <summary>A Trove fault such as <c>{"itemNotFound":{"code":404,"message":…}}</c>.</summary>
    public FakeDbaaSServer AnswerFault(HttpMethod method, string url, HttpStatusCode status, string faultName, string message) =>
        Answer(method, url, status, new JsonObject
        {
            [faultName] = new JsonObject { ["code"] = (int)status, ["message"] = message },
        }.ToJsonString());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, body, headers));

        if (Unreachable)
        {
            throw new HttpRequestException($"Connection refused ({request.RequestUri!.Authority})");
        }
        if (!_routes.TryGetValue(Key(request.Method, request.RequestUri!), out var route))
        {
            return Instances.Answer(request.Method, request.RequestUri!, body) ?? Json(HttpStatusCode.NotFound,
                $$$"""{"itemNotFound":{"code":404,"message":"FakeDbaaSServer has no route for {{{request.Method}}} {{{request.RequestUri}}}"}}""");
        }

        var response = Json(route.Status, route.Body);
        if (route.Token is not null)
        {
            response.Headers.Add("X-Subject-Token", route.Token);
        }
        return response;
    }

    internal static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    private static string Key(HttpMethod method, Uri url) => $"{method} {url.AbsoluteUri}";

    private const string KeystoneTokenBody = $$"""
        {
          "token": {
            "expires_at": "2026-11-21T23:07:04.000000Z",
            "user": { "id": "u-alice", "name": "alice" },
            "project": { "id": "{{ProjectId}}", "name": "demo" },
            "roles": [ { "id": "member", "name": "member" } ],
            "catalog": [
              {
                "type": "identity",
                "name": "keystone",
                "endpoints": [ { "interface": "public", "region": "RegionOne", "url": "{{AuthUrl}}" } ]
              },
              {
                "type": "database",
                "name": "trove",
                "endpoints": [
                  { "interface": "admin", "region": "RegionOne", "url": "http://dbaas-admin.test:8779/v1.0/{{ProjectId}}" },
                  { "interface": "internal", "region": "RegionOne", "url": "{{InternalDatabaseUrl}}" },
                  { "interface": "public", "region": "RegionOne", "url": "{{DatabaseUrl}}" },
                  { "interface": "public", "region": "RegionTwo", "url": "{{RegionTwoDatabaseUrl}}" }
                ]
              }
            ]
          }
        }
        """;
}

/// <summary>One request the CLI sent to the <see cref="FakeDbaaSServer"/>.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Url, string? Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonNode? Json => Body is null ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Url}";
}
