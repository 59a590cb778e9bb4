using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace DbaaS.Cli.Http;

/// <summary>A successful answer: the parsed body (null when empty) and the headers, where Keystone puts the token.</summary>
internal sealed record ApiResponse(JsonNode? Body, HttpResponseHeaders Headers);
