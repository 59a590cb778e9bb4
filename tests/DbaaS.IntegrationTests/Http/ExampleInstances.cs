using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.IntegrationTests.Instances;

namespace DbaaS.IntegrationTests.Http;

/// <summary>
/// Instances for the OpenAPI replay, made from the documented create example on simulated servers (the app runs with
/// <c>Compute:Driver=simulated</c>). Simulated servers never send a heartbeat nor fail a build, so the two states the
/// examples also show are written as the conductor and the taskmanager would write them.
/// </summary>
internal sealed class ExampleInstances(DbaaSApp app, JsonElement document, Session admin)
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    /// <summary>An ACTIVE instance, with the volume use its guest's heartbeat would have reported.</summary>
    public async Task<string> HealthyAsync()
    {
        var id = await CreateActiveAsync();
        // As HeartbeatWriter does with a heartbeat's volume figures.
        await app.Database.ExecuteAsync($"UPDATE instances SET volume_used_bytes = 128849018 WHERE id = '{id}'");
        // The API's read cache learns of the write through NOTIFY, a moment after the commit.
        await app.Client().WaitForInstanceAsync(admin, id.ToString(), Within, i => i.GetProperty("volume").TryGetProperty("used", out _));
        return id.ToString();
    }

    /// <summary>An instance whose build failed: an error task and a fault, as BuildFailures leaves it.</summary>
    public async Task<string> FailedAsync()
    {
        var id = await CreateActiveAsync();
        await app.Database.ExecuteAsync($"""
            UPDATE instances SET task_status = 'BUILDING_ERROR_SERVER', build_deadline = NULL, updated = now(), server_status = 'DELETED',
                fault_message = 'The server for this instance could not be created.',
                fault_details = 'InvalidOperationException at step server: no free port', fault_created = now()
            WHERE id = '{id}'
            """);
        await app.Client().WaitForStatusAsync(admin, id.ToString(), Within, "ERROR");
        return id.ToString();
    }

    async Task<Guid> CreateActiveAsync()
    {
        var media = document.GetProperty("paths").GetProperty("/v1.0/{tenant_id}/instances").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var (_, example) = OpenApiExamplesReplayTests.Examples(media).First();
        var client = app.Client();
        var created = await client.SendRawAsync(HttpMethod.Post, $"/v1.0/{admin.ProjectId}/instances", admin.Token, example.GetRawText(), "application/json");
        created.AssertStatus(200);
        var id = Guid.Parse(created.Body.GetProperty("instance").GetProperty("id").GetString()!);
        await client.WaitForStatusAsync(admin, id.ToString(), Within, "ACTIVE");
        return id;
    }
}
