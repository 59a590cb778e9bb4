using System.Text.Json;
using System.Text.Json.Serialization;

namespace DbaaS.Contracts.Guest;

/// <summary>
/// Every message between control plane and guest, in both directions, before sealing (DESIGN §4).
/// Calls carry the AMQP <c>correlation_id</c> and <c>reply_to</c>; casts and reports do not.
/// </summary>
public sealed record GuestEnvelope(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("args")] JsonElement? Args,
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("sent")] DateTimeOffset Sent,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("traceparent")] string? Traceparent = null)
{
    public const int CurrentVersion = 1;
}

/// <summary>The answer to a call: exactly one of <see cref="Result"/> and <see cref="Error"/>.</summary>
public sealed record GuestReply(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("sent")] DateTimeOffset Sent,
    [property: JsonPropertyName("result")] JsonElement? Result,
    [property: JsonPropertyName("error")] GuestError? Error);

/// <summary><see cref="Type"/> is machine-readable (see <see cref="GuestErrorTypes"/>); <see cref="Message"/> is for users.</summary>
public sealed record GuestError(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message);

public static class GuestErrorTypes
{
    /// <summary>The body did not open under the instance key, or was not an envelope for this instance.</summary>
    public const string InvalidEnvelope = "invalid_envelope";
    public const string UnknownMethod = "unknown_method";
    public const string UnsupportedVersion = "unsupported_version";
    public const string BadArguments = "bad_arguments";
    public const string NotSupported = "not_supported";
    /// <summary>A database, user or grant named in the call does not exist.</summary>
    public const string NotFound = "not_found";
    /// <summary>A database or user the call would create (or rename to) exists already.</summary>
    public const string AlreadyExists = "already_exists";
    public const string Failed = "failed";
}
