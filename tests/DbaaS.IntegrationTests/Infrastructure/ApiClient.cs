using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DbaaS.IntegrationTests.Infrastructure;

public sealed record Session(string Token, string ProjectId, string UserId, string UserName);

public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers, string Text)
{
    public int Code => (int)Status;

    /// <summary>Asserts a Trove fault: the status, the wrapper name, and (optionally) words the message must contain.</summary>
    public string AssertFault(int code, string name, params string[] messageContains)
    {
        Assert.True(code == Code, $"expected {code} {name}, got {Code}: {Text}");
        Assert.True(Body.TryGetProperty(name, out var fault), $"expected a '{name}' fault body, got: {Text}");
        Assert.Equal(code, fault.GetProperty("code").GetInt32());
        var message = fault.GetProperty("message").GetString()!;
        foreach (var part in messageContains) Assert.Contains(part, message, StringComparison.OrdinalIgnoreCase);
        return message;
    }

    public void AssertStatus(int code) => Assert.True(code == Code, $"expected {code}, got {Code}: {Text}");
}

/// <summary>A thin HTTP client for the DbaaS API with Keystone login, used by the integration tests.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<Session> LoginAsync(string user, string password, string project)
    {
        var response = await SendAsync(HttpMethod.Post, "/v3/auth/tokens", null, PasswordAuth(user, password, project));
        response.AssertStatus(201);
        var token = response.Headers.GetValues("X-Subject-Token").Single();
        var body = response.Body.GetProperty("token");
        return new Session(token, body.GetProperty("project").GetProperty("id").GetString()!,
            body.GetProperty("user").GetProperty("id").GetString()!, user);
    }

    public static object PasswordAuth(string user, string password, string project) => new
    {
        auth = new
        {
            identity = new
            {
                methods = new[] { "password" },
                password = new { user = new { name = user, domain = new { name = "Default" }, password } },
            },
            scope = new { project = new { name = project, domain = new { name = "Default" } } },
        },
    };

    public Task<ApiResponse> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, string? token, object? json = null) =>
        SendRawAsync(method, path, token, json is null ? null : JsonSerializer.Serialize(json), "application/json");

    public async Task<ApiResponse> SendRawAsync(HttpMethod method, string path, string? token, string? body, string? contentType,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Add("X-Auth-Token", token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false)
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new ApiResponse(response.StatusCode, parsed, response.Headers, text);
    }
}

public static class SessionExtensions
{
    public static async Task<Session> AdminAsync(this DbaaSApp app) =>
        await app.Client().LoginAsync("admin", DbaaSApp.AdminPassword, "admin");

    public static async Task<Session> DemoAsync(this DbaaSApp app) =>
        await app.Client().LoginAsync("demo", DbaaSApp.DemoPassword, "demo");

    /// <summary>A new project with one user holding <paramref name="role"/>, logged in: keeps tests out of each other's way.</summary>
    public static async Task<Session> NewProjectUserAsync(this DbaaSApp app, string role = "member")
    {
        var admin = await app.AdminAsync();
        var client = app.Client();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var project = await client.SendAsync(HttpMethod.Post, "/v3/projects", admin.Token, new { project = new { name = $"p-{suffix}" } });
        project.AssertStatus(201);
        var projectId = project.Body.GetProperty("project").GetProperty("id").GetString()!;
        var user = await client.SendAsync(HttpMethod.Post, "/v3/users", admin.Token,
            new { user = new { name = $"u-{suffix}", password = "password-" + suffix, default_project_id = projectId } });
        user.AssertStatus(201);
        var userId = user.Body.GetProperty("user").GetProperty("id").GetString()!;
        (await client.SendAsync(HttpMethod.Put, $"/v3/projects/{projectId}/users/{userId}/roles/{role}", admin.Token)).AssertStatus(204);
        return await client.LoginAsync($"u-{suffix}", "password-" + suffix, $"p-{suffix}");
    }
}
