using System.Text.Json.Nodes;

namespace DbaaS.Cli.Http;

/// <summary>
/// Unwraps the envelopes the API answers with (<c>{"flavors":[…]}</c>, <c>{"flavor":{…}}</c>). A missing
/// envelope means client and server disagree on the contract, which deserves a clear error rather than a crash.
/// </summary>
internal static class JsonBody
{
    public static JsonArray ListIn(this JsonNode? body, string envelope) =>
        body?[envelope] as JsonArray ?? throw Unexpected($"a \"{envelope}\" list");

    public static JsonObject ObjectIn(this JsonNode? body, string envelope) =>
        body?[envelope] as JsonObject ?? throw Unexpected($"a \"{envelope}\" object");

    public static JsonObject AsObjectBody(this JsonNode? body) =>
        body as JsonObject ?? throw Unexpected("a JSON object");

    public static IEnumerable<JsonObject> Objects(this JsonArray list) => list.OfType<JsonObject>();

    public static string? Text(this JsonObject item, string field) =>
        item[field] is JsonValue value ? value.ToString() : null;

    private static CliError Unexpected(string what) => new($"The server's answer did not contain {what}.");
}
