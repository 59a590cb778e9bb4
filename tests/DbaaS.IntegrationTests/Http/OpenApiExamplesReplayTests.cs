using System.Text.Json;
using System.Text.RegularExpressions;
using DbaaS.Api.OpenApi;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Http;

/// <summary>
/// The examples are what the server really does: each documented GET answers in its documented shape and, over its
/// answers, shows every documented field (the seeded catalog and <see cref="ExampleInstances"/> are rich enough), and
/// each documented request example is accepted with the documented status and answered in the documented shape. Runs
/// on its own server and database, since the examples create flavors, versions, projects, users and instances.
/// </summary>
public sealed partial class OpenApiExamplesReplayTests : IAsyncLifetime
{
    // Instances need servers: simulated ones, whose guests send no heartbeats, so none may count as overdue.
    private readonly DbaaSApp _app = new()
    {
        Settings =
        {
            ["Compute:Driver"] = "simulated",
            ["Conductor:HeartbeatDeadlineSeconds"] = "86400",
        },
    };

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Every_documented_GET_answers_in_the_documented_shape_and_shows_every_documented_field()
    {
        var (document, world) = await PrepareAsync();
        var instances = new ExampleInstances(_app, document, world.Admin);
        world = world with { Instances = [await instances.HealthyAsync(), await instances.FailedAsync()] };
        var problems = new List<string>();
        foreach (var (method, path, operation) in OpenApiDocumentTests.Operations(document).Where(o => o.Method == "GET"))
        {
            // A field need show in only one of the route's answers: one per instance, and a listing's one-item page (its next link).
            var answers = new List<JsonElement>();
            JsonElement? schema = null;
            foreach (var url in world.Urls(path, operation))
            {
                var replayed = await ReplayAsync(document, world, method, url, operation, body: null, $"GET {url}");
                problems.AddRange(replayed.Problems);
                if (replayed.Body is { } answer) answers.Add(answer);
                schema ??= replayed.Schema;
            }
            if (schema is { } documented && answers.Count > 0)
                problems.AddRange(OpenApiSchemaAssert.Unseen(document, documented, answers)
                    .Select(field => $"{method} {path}: documents {field}, which no answer shows"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_documented_request_example_is_accepted_and_answered_in_the_documented_shape()
    {
        var (document, world) = await PrepareAsync();
        var instances = new ExampleInstances(_app, document, world.Admin);
        var problems = new List<string>();
        var replayed = 0;
        foreach (var (method, path, operation) in OpenApiDocumentTests.Operations(document))
        {
            if (!operation.TryGetProperty("requestBody", out var requestBody)) continue;
            foreach (var (name, example) in Examples(requestBody.GetProperty("content").GetProperty("application/json")))
            {
                // Each example on an instance gets an ACTIVE one of its own: an earlier action (a stop, a reset) must not refuse it.
                var url = path.Contains("{instance_id}") ? world.Fill(path, await instances.HealthyAsync()) : world.Fill(path);
                var answer = await ReplayAsync(document, world, method, url, operation, world.Substitute(example.GetRawText()),
                    $"{method} {path} ({name})");
                problems.AddRange(answer.Problems);
                replayed++;
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(replayed >= 15, $"only {replayed} request examples were found");
    }

    private sealed record Replayed(IReadOnlyList<string> Problems, JsonElement? Body = null, JsonElement? Schema = null);

    private async Task<Replayed> ReplayAsync(JsonElement document, World world, string method, string url, JsonElement operation,
        string? body, string label)
    {
        var headers = new Dictionary<string, string>();
        if (operation.TryGetProperty("parameters", out var parameters) &&
            parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "X-Subject-Token"))
            headers["X-Subject-Token"] = world.Admin.Token;

        var response = await _app.Client().SendRawAsync(new HttpMethod(method), url, world.Admin.Token, body,
            body is null ? null : "application/json", headers);
        var success = operation.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2'));
        if (response.Code.ToString() != success.Name)
            return new([$"{label}: answered {response.Code}, documented {success.Name}: {response.Text}"]);
        if (!success.Value.TryGetProperty("content", out var content))
            return new(response.Text.Length == 0 ? [] : [$"{label}: documented without a body, answered {response.Text}"]);
        var schema = content.GetProperty("application/json").GetProperty("schema");
        return new(OpenApiSchemaAssert.Problems(document, schema, response.Body, label).ToList(), response.Body, schema);
    }

    internal static IEnumerable<(string Name, JsonElement Example)> Examples(JsonElement media)
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
        // The examples make more instances in the admin project than the default quota allows.
        (await _app.Client().SendAsync(HttpMethod.Put, $"/v1.0/{admin.ProjectId}/mgmt/quotas/{admin.ProjectId}", admin.Token,
            new { quotas = new { instances = -1, volumes = -1 } })).AssertStatus(200);
        return (await OpenApiDocumentTests.DocumentAsync(_app), new World(admin, demo, mysql80, []));
    }

    /// <summary>This server's ids: for the path parameters, and in place of the ids the examples use.</summary>
    private sealed partial record World(Session Admin, Session Demo, string MySql80, IReadOnlyList<string> Instances)
    {
        public string Fill(string path, string? instanceId = null) => PathParameter().Replace(path, match => match.Groups[1].Value switch
        {
            "tenant_id" or "project_id" => Admin.ProjectId,
            "user_id" => Admin.UserId,
            "role_id" => "admin",
            "flavor_id" => "1",
            "datastore_id" => "mysql",
            "version_id" => MySql80,
            "name" => "max_connections",
            "instance_id" => instanceId ?? throw new InvalidOperationException($"{path} needs an instance."),
            // What ExampleInstances' instances are created with (the documented create example).
            "database_name" => "app",
            "user_name" => "app",
            var other => throw new InvalidOperationException($"Teach the replay test a value for {{{other}}} in {path}."),
        });

        /// <summary>The route for each of the world's instances when it names one; a paged listing also one item per page.</summary>
        public IEnumerable<string> Urls(string path, JsonElement operation)
        {
            // Databases, users and root go to the guest of an ACTIVE instance; the failed one answers 422 there.
            var instances = IsInsideInstance(path) ? Instances.Take(1) : Instances;
            var urls = path.Contains("{instance_id}") ? instances.Select(id => Fill(path, id)) : [Fill(path)];
            var paged = operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p =>
                p.GetProperty("name").GetString() == "limit" && p.GetProperty("in").GetString() == "query");
            return paged ? urls.SelectMany(url => new[] { url, url + "?limit=1" }) : urls;
        }

        static bool IsInsideInstance(string path) =>
            path.Contains("/instances/{instance_id}/databases") || path.Contains("/instances/{instance_id}/users") ||
            (path.Contains("/instances/{instance_id}/root") && !path.Contains("/mgmt/"));

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
