using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DbaaS.Cli.Http;

/// <summary>
/// Finds the human message in an error body. Trove wraps it as <c>{"itemNotFound":{"code":404,"message":…}}</c>
/// and Keystone as <c>{"error":{"code":401,"message":…,"title":…}}</c>: both are one envelope holding a
/// <c>message</c>, so the envelope's name does not matter here.
/// </summary>
internal static class FaultMessage
{
    private const int LongestRawBodyShown = 300;

    public static string From(string body, HttpStatusCode status, string? reasonPhrase)
    {
        if (TryReadEnvelope(body) is { Length: > 0 } message)
        {
            return message;
        }

        var trimmed = body.Trim();
        if (trimmed.Length > 0)
        {
            return trimmed.Length <= LongestRawBodyShown ? trimmed : trimmed[..LongestRawBodyShown] + "…";
        }

        return reasonPhrase ?? status.ToString();
    }

    private static string? TryReadEnvelope(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is not JsonObject envelope)
        {
            return null;
        }

        foreach (var (_, inner) in envelope)
        {
            if (inner is JsonObject fault && fault["message"] is JsonValue message && message.TryGetValue(out string? text))
            {
                return text;
            }
        }
        return null;
    }
}
