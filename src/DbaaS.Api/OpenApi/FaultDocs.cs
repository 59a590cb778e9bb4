using System.Text.Json.Nodes;
using DbaaS.Api.Faults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DbaaS.Api.OpenApi;

/// <summary>The two fault shapes <see cref="FaultWriter"/> writes: Trove's on /v1.0 and the rest, Keystone's on /v3.</summary>
public enum FaultFamily { Trove, Keystone }

/// <summary>Which faults a route can give, and how the document describes and shows them.</summary>
public static class FaultDocs
{
    public const string TroveSchema = "Fault";
    public const string KeystoneSchema = "KeystoneError";

    public static FaultFamily FamilyOf(string path) =>
        path == "/v3" || path.StartsWith("/v3/", StringComparison.Ordinal) ? FaultFamily.Keystone : FaultFamily.Trove;

    public static bool BehindTenantFilter(string path) => path.StartsWith("/v1.0/{tenant_id}/", StringComparison.Ordinal);

    /// <summary>
    /// The route's own faults plus those its family implies: a body can be malformed (400); a token can be missing or
    /// invalid (401); <see cref="Identity.TenantAccessFilter"/> adds the tenant and role checks (403) and the rate
    /// limits (413); and any route can fail unexpectedly (500).
    /// </summary>
    public static IEnumerable<ErrorDoc> Of(RouteDoc doc)
    {
        var errors = doc.Errors.ToDictionary(e => e.Status);
        if (doc.Request is not null) errors.TryAdd(400, new ErrorDoc(400));
        if (!doc.Anonymous) errors.TryAdd(401, new ErrorDoc(401));
        if (BehindTenantFilter(doc.Path))
        {
            errors.TryAdd(403, new ErrorDoc(403));
            errors.TryAdd(413, new ErrorDoc(413));
        }
        errors.TryAdd(500, new ErrorDoc(500));
        return errors.Values.OrderBy(e => e.Status);
    }

    public static string Reason(int status) => status switch
    {
        202 => "Accepted; the answer has no body.",
        204 => "No Content.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    public static string Describe(int status, RouteDoc doc, bool adminOnly) => status switch
    {
        400 => "The request is malformed (not JSON; a field missing, unknown, of the wrong type or out of range) or cannot be done as asked.",
        401 => "Not authenticated: the token is missing, invalid, expired or revoked (or, at login, the credentials are wrong).",
        403 => Forbidden(doc, adminOnly),
        404 => "Something the path names does not exist.",
        409 => "It conflicts with an existing entry: the id or name is taken.",
        413 => "Rate-limited: the project has used up a per-minute request limit (see GET /v1.0/{tenant_id}/limits).",
        422 => "The instance is not in a state that allows this.",
        500 => "An unexpected error. The message names the request id under which the server logged it.",
        _ => Reason(status),
    };

    private static string Forbidden(RouteDoc doc, bool adminOnly)
    {
        if (!BehindTenantFilter(doc.Path)) return "The caller's roles do not allow this.";
        var reasons = new List<string> { "the path names another project than the token's (only admins may do that)" };
        if (adminOnly) reasons.Add("the caller is not an admin");
        if (doc.Method is not ("GET" or "HEAD")) reasons.Add("the caller has only the reader role");
        var text = string.Join("; or ", reasons);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    /// <summary>The fault body as the server writes it.</summary>
    public static JsonObject Example(FaultFamily family, ErrorDoc error, RouteDoc doc, bool adminOnly)
    {
        var fault = FaultOf(error.Status, error.Message ?? GenericMessage(error.Status, doc, adminOnly));
        return family == FaultFamily.Keystone
            ? new JsonObject { ["error"] = new JsonObject { ["code"] = fault.Code, ["message"] = fault.Message, ["title"] = fault.KeystoneTitle } }
            : new JsonObject { [fault.Name] = new JsonObject { ["code"] = fault.Code, ["message"] = fault.Message } };
    }

    /// <summary>The wrapper object (<c>itemNotFound</c>, <c>error</c>, ...) around a shared component schema.</summary>
    public static OpenApiSchema Schema(FaultFamily family, int status, OpenApiDocument document, SchemaRepository schemas)
    {
        var (component, wrapper) = family == FaultFamily.Keystone
            ? (KeystoneSchema, "error")
            : (TroveSchema, FaultOf(status, "").Name);
        if (!schemas.Schemas.ContainsKey(component))
        {
            var schema = ExampleSchema.Of(family == FaultFamily.Keystone
                ? JsonNode.Parse("""{"code": 404, "message": "Could not find project: 42.", "title": "Not Found"}""")
                : JsonNode.Parse("""{"code": 404, "message": "Flavor 42 could not be found."}"""));
            schema.Description = family == FaultFamily.Keystone
                ? "Keystone's error body, inside {\"error\": ...}."
                : "Trove's fault body, inside an object whose one property names the kind: badRequest, unauthorized, " +
                  "forbidden, itemNotFound, conflictingRequest, overLimit, unprocessableEntity or computeFault.";
            schemas.AddDefinition(component, schema);
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema> { [wrapper] = new OpenApiSchemaReference(component, document) },
        };
    }

    private static Fault FaultOf(int status, string message) => status switch
    {
        400 => Fault.BadRequest(message),
        401 => Fault.Unauthorized(message),
        403 => Fault.Forbidden(message),
        404 => Fault.NotFound(message),
        409 => Fault.Conflict(message),
        413 => Fault.OverLimit(message),
        422 => Fault.Unprocessable(message),
        500 => Fault.ServerError(message),
        503 => Fault.Unavailable(message),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no fault is documented for this status"),
    };

    private static string GenericMessage(int status, RouteDoc doc, bool adminOnly) => status switch
    {
        400 => "The request body must be JSON: Content-Type is 'text/plain', expected 'application/json'.",
        401 => "The token in X-Auth-Token is not valid, has expired or was revoked.",
        403 when adminOnly => "This action is restricted to administrators.",
        403 when BehindTenantFilter(doc.Path) =>
            $"Tenant {ExampleIds.OtherProject} in the URL is not the token's project; only admins may act on other projects.",
        403 => "You are not authorized to perform the requested action: admin required.",
        404 => "The resource could not be found.",
        409 => "The change conflicts with an existing entry.",
        413 => $"This request was rate-limited: at most 200 {doc.Method} requests per minute per project.",
        422 => "The instance is not in a state that allows this.",
        500 => "The server has either erred or is incapable of performing the requested operation. Request id: 4bf92f3577b34da6a3ce929d0e0e4736",
        _ => Reason(status),
    };
}
