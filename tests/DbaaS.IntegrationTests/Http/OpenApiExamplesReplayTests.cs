using System.Text.Json;
using System.Text.RegularExpressions;
using DbaaS.Api.OpenApi;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Http;

/// <summary>
/// The examples are what the server really does: each documented GET answers in its documented shape and shows
/// every documented field (the seeded catalog is rich enough), and each documented request example is accepted
/// with the documented status and answered in the documented shape. Runs
/// on its own server and database, since the examples create flavors, versions, projects and users.
/// </summary>
public sealed partial class OpenApiExamplesReplayTests : IAsyncLifetime
{
    private readonly DbaaSApp _app = new();

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Every_documented_GET_answers_in_the_documented_shape_and_shows_every_documented_field()
    {
        var (document, world) = await PrepareAsync();
        var problems = new List<string>();
        foreach (var (method, path, operation) in OpenApiDocumentTests.Operations(document).Where(o => o.Method == "GET"))
            problems.AddRange(await ReplayAsync(document, world, method, path, operation, body: null, "GET", everyFieldSeen: true));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_documented_request_example_is_accepted_and_answered_in_the_documented_shape()
    {
        var (document, world) = await PrepareAsync();
        var problems = new List<string>();
        var replayed = 0;
        foreach (var (method, path, operation) in OpenApiDocumentTests.Operations(document))
        {
            if (!operation.TryGetProperty("requestBody", out var requestBody)) continue;
            foreach (var (name, example) in Examples(requestBody.GetProperty("content").GetProperty("application/json")))
            {
                problems.AddRange(await ReplayAsync(document, world, method, path, operation, world.Substitute(example.GetRawText()), name,
                    everyFieldSeen: false));
                replayed++;
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(replayed >= 15, $"only {replayed} request examples were found");
    }

    private async Task<IEnumerable<string>> ReplayAsync(JsonElement document, World world, string method, string path, JsonElement operation,
        string? body, string exampleName, bool everyFieldSeen)
    {
        var route = $"{method} {path} ({exampleName})";
        var headers = new Dictionary<string, string>();
        if (operation.TryGetProperty("parameters", out var parameters) &&
            parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "X-Subject-Token"))
            headers["X-Subject-Token"] = world.Admin.Token;

        var response = await _app.Client().SendRawAsync(new HttpMethod(method), world.Fill(path), world.Admin.Token, body,
            body is null ? null : "application/json", headers);
        var success = operation.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2'));
        if (response.Code.ToString() != success.Name)
            return [$"{route}: answered {response.Code}, documented {success.Name}: {response.Text}"];
        if (!success.Value.TryGetProperty("content", out var content))
            return response.Text.Length == 0 ? [] : [$"{route}: documented without a body, answered {response.Text}"];
        var schema = content.GetProperty("application/json").GetProperty("schema");
        var problems = OpenApiSchemaAssert.Problems(document, schema, response.Body, route).ToList();
        if (everyFieldSeen)
            problems.AddRange(OpenApiSchemaAssert.Unseen(document, schema, response.Body)
                .Select(field => $"{route}: documents {field}, which the answer does not show"));
        return problems;
    }

    private static IEnumerable<(string Name, JsonElement Example)> Examples(JsonElement media)
    {
        if (media.TryGetProperty("example", out var example)) yield return ("example", example);
        if (media.TryGetProperty("examples", out var examples))
            foreach (var named in examples.EnumerateObject())
                yield return (named.Name, named.Value.GetProperty("value"));
    }

    private async Task<(JsonElement Document, World World)> PrepareAsync()
    {
        var admin = await _app.AdminAsync();
        var demo = await _app.DemoAsync();
        var versions = await _app.Client().GetAsync($"/v1.0/{admin.ProjectId}/mgmt/datastore-versions", admin.Token);
        versions.AssertStatus(200);
        var mysql80 = versions.Body.GetProperty("versions").EnumerateArray()
            .Single(v => v.GetProperty("datastore_name").GetString() == "mysql" && v.GetProperty("name").GetString() == "8.0")
            .GetProperty("id").GetString()!;
        return (await OpenApiDocumentTests.DocumentAsync(_app), new World(admin, demo, mysql80));
    }

    /// <summary>This server's ids: for the path parameters, and in place of the ids the examples use.</summary>
    private sealed partial record World(Session Admin, Session Demo, string MySql80)
    {
        public string Fill(string path) => PathParameter().Replace(path, match => match.Groups[1].Value switch
        {
            "tenant_id" or "project_id" => Admin.ProjectId,
            "user_id" => Admin.UserId,
            "role_id" => "admin",
            "flavor_id" => "1",
            "datastore_id" => "mysql",
            "version_id" => MySql80,
            "name" => "max_connections",
            var other => throw new InvalidOperationException($"Teach the replay test a value for {{{other}}} in {path}."),
        });

        public string Substitute(string example) => example
            .Replace(ExampleIds.Project, Demo.ProjectId)
            .Replace(ExampleIds.User, Demo.UserId)
            .Replace(ExampleIds.AdminProject, Admin.ProjectId)
            .Replace(ExampleIds.AdminUser, Admin.UserId)
            .Replace(ExampleIds.MySql80, MySql80)
            .Replace(ExampleIds.Password, DbaaSApp.DemoPassword);

        [GeneratedRegex(@"\{([^}]+)\}")]
        private static partial Regex PathParameter();
    }
}
