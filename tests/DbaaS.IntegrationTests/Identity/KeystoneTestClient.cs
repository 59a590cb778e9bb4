using System.Net.Http.Json;
using System.Text.Json;

namespace DbaaS.IntegrationTests.Identity;

/// <summary>Plays the end user: logs in to Keystone and logs out, with plain HTTP.</summary>
public sealed class KeystoneTestClient(Uri keystone) : IDisposable
{
    private readonly HttpClient _http = new();

    public sealed record IssuedToken(string Token, string? ProjectId);

    /// <summary>A password login; <paramref name="project"/> null asks for an unscoped token.</summary>
    public async Task<IssuedToken> IssueAsync(string user, string password, string? project)
    {
        var identity = new
        {
            methods = new[] { "password" },
            password = new { user = new { name = user, domain = new { id = "default" }, password } },
        };
        object auth = project is null
            ? new { identity }
            : new { identity, scope = new { project = new { name = project, domain = new { id = "default" } } } };

        // Buffered so it goes with a Content-Length: wsgiref-served Keystones cannot read chunked bodies.
        using var content = JsonContent.Create(new { auth });
        await content.LoadIntoBufferAsync();
        using var response = await _http.PostAsync(Tokens(), content);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var projectId = body.RootElement.GetProperty("token").TryGetProperty("project", out var p)
            ? p.GetProperty("id").GetString()
            : null;
        return new IssuedToken(response.Headers.GetValues("X-Subject-Token").Single(), projectId);
    }

    /// <summary>DELETE /v3/auth/tokens: a token may revoke itself.</summary>
    public async Task RevokeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Tokens());
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Add("X-Subject-Token", token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private Uri Tokens() => new(keystone.AbsoluteUri.TrimEnd('/') + "/auth/tokens");

    public void Dispose() => _http.Dispose();
}
