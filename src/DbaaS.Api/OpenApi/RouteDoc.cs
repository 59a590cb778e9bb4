using Microsoft.OpenApi;

namespace DbaaS.Api.OpenApi;

/// <summary>
/// What the OpenAPI document says about one route beyond what its handler's signature shows: handlers read their
/// bodies by hand and return <see cref="IResult"/>, so the shapes live here as JSON examples, and the schemas are
/// inferred from them (<see cref="ExampleSchema"/>). The summary and operation id stay on the route mapping.
/// </summary>
/// <param name="Route">The method and path as the document lists them, e.g. <c>GET /v1.0/{tenant_id}/flavors</c>.</param>
public sealed record RouteDoc(string Route)
{
    public string Method => Route[..Route.IndexOf(' ')];

    public string Path => Route[(Route.IndexOf(' ') + 1)..];

    /// <summary>Served without a token: version discovery, login, health.</summary>
    public bool Anonymous { get; init; }

    public string? Description { get; init; }

    /// <summary>The success status the handler really returns.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Example of the success body; null when there is none (202, 204, HEAD).</summary>
    public string? Response { get; init; }

    /// <summary>Other success bodies: shown as further examples and merged into the schema, so that a field one example leaves null or out still gets its type.</summary>
    public IReadOnlyList<Sample> ResponseVariants { get; init; } = [];

    /// <summary>Example of the JSON request body; null when the route reads none.</summary>
    public string? Request { get; init; }

    public IReadOnlyList<Sample> RequestVariants { get; init; } = [];

    /// <summary>
    /// Faults particular to this route. Those that a whole family of routes can give are added by
    /// <see cref="FaultDocs.Of"/>: 400 for a body, 401 for a token, 403 and 413 behind the tenant filter, 500 everywhere.
    /// </summary>
    public IReadOnlyList<ErrorDoc> Errors { get; init; } = [];

    /// <summary>Non-fault answers besides success, e.g. <c>/readyz</c>'s 503.</summary>
    public IReadOnlyDictionary<int, Sample> OtherResponses { get; init; } = new Dictionary<int, Sample>();

    public IReadOnlyList<ParamDoc> Query { get; init; } = [];

    /// <summary>Request headers besides X-Auth-Token (which the security scheme describes).</summary>
    public IReadOnlyList<ParamDoc> Headers { get; init; } = [];

    public IReadOnlyList<ParamDoc> ResponseHeaders { get; init; } = [];

    /// <summary>The tag for a route whose mapping cannot carry one (health checks).</summary>
    public string? Tag { get; init; }

    /// <summary>Every example, request and response, for the tests that check each is valid JSON.</summary>
    public IEnumerable<(string Name, string Json)> Examples()
    {
        if (Request is not null) yield return ($"{Route} request", Request);
        foreach (var variant in RequestVariants) yield return ($"{Route} request '{variant.Summary}'", variant.Json);
        if (Response is not null) yield return ($"{Route} {Status}", Response);
        foreach (var variant in ResponseVariants) yield return ($"{Route} {Status} '{variant.Summary}'", variant.Json);
        foreach (var (status, other) in OtherResponses) yield return ($"{Route} {status}", other.Json);
    }
}

/// <summary>A named example body.</summary>
public sealed record Sample(string Summary, string Json);

/// <summary>
/// A fault a route gives; the message is the example's, a generic one when null. <paramref name="When"/> says when
/// this route gives it, where the status's generic description would mislead (a 409 for a busy instance, not a taken name).
/// </summary>
public sealed record ErrorDoc(int Status, string? Message = null, string? When = null)
{
    public static implicit operator ErrorDoc(int status) => new(status);
}

/// <summary>A query or header parameter; <paramref name="Type"/> is its schema type (a string unless said).</summary>
public sealed record ParamDoc(string Name, string Description, bool Required = false, JsonSchemaType Type = JsonSchemaType.String);
