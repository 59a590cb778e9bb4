using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DbaaS.Cli.Http;

/// <summary>
/// Talks JSON to one base URL (the database endpoint or the identity URL). Error statuses become
/// <see cref="ApiException"/>, and an unreachable server becomes a <see cref="CliError"/> naming the URL,
/// so commands only deal with the happy path.
/// </summary>
internal sealed class ApiClient(HttpClient http, Uri baseUrl, string? token)
{
    public Uri BaseUrl { get; } = baseUrl;

    public async Task<JsonNode?> GetAsync(string path, CancellationToken cancellation) =>
        (await SendAsync(HttpMethod.Get, path, body: null, cancellation)).Body;

    public async Task<JsonNode?> PostAsync(string path, JsonNode body, CancellationToken cancellation) =>
        (await SendAsync(HttpMethod.Post, path, body, cancellation)).Body;

    public async Task<JsonNode?> PutAsync(string path, JsonNode? body, CancellationToken cancellation) =>
        (await SendAsync(HttpMethod.Put, path, body, cancellation)).Body;

    public async Task<JsonNode?> PatchAsync(string path, JsonNode body, CancellationToken cancellation) =>
        (await SendAsync(HttpMethod.Patch, path, body, cancellation)).Body;

    public async Task DeleteAsync(string path, CancellationToken cancellation) =>
        await SendAsync(HttpMethod.Delete, path, body: null, cancellation);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellation)
    {
        var url = Resolve(path);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("dbaas-cli", "1.0"));
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await SendOrExplainAsync(request, url, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException(status, FaultMessage.From(text, response.StatusCode, response.ReasonPhrase));
        }
        return new ApiResponse(ParseBody(text, method, url, status), response.Headers);
    }

    private Uri Resolve(string path) => new(BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/'));

    private async Task<HttpResponseMessage> SendOrExplainAsync(HttpRequestMessage request, Uri url, CancellationToken cancellation)
    {
        try
        {
            return await http.SendAsync(request, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new CliError($"Cannot reach {url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new CliError($"No answer from {url} within {http.Timeout.TotalSeconds:0} seconds.");
        }
    }

    private static JsonNode? ParseBody(string text, HttpMethod method, Uri url, int status)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new CliError($"{method} {url} answered HTTP {status} with a body that is not JSON.");
        }
    }
}
