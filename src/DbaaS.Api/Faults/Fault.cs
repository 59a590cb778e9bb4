namespace DbaaS.Api.Faults;

/// <summary>Trove's fault: HTTP status plus the wrapper name its clients look for (<c>{"itemNotFound": {...}}</c>).</summary>
public sealed record Fault(int Code, string Name, string Message)
{
    public static Fault BadRequest(string message) => new(400, "badRequest", message);
    public static Fault Unauthorized(string message) => new(401, "unauthorized", message);
    public static Fault Forbidden(string message) => new(403, "forbidden", message);
    public static Fault NotFound(string message) => new(404, "itemNotFound", message);
    public static Fault MethodNotAllowed(string message) => new(405, "badMethod", message);
    public static Fault Conflict(string message) => new(409, "conflictingRequest", message);
    public static Fault OverLimit(string message) => new(413, "overLimit", message);
    public static Fault UnsupportedMediaType(string message) => new(415, "badMediaType", message);
    public static Fault Unprocessable(string message) => new(422, "unprocessableEntity", message);
    public static Fault ServerError(string message) => new(500, "computeFault", message);
    public static Fault Unavailable(string message) => new(503, "serviceUnavailable", message);

    /// <summary>Keystone's titles, for faults on the /v3 identity routes.</summary>
    public string KeystoneTitle => Code switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
}
