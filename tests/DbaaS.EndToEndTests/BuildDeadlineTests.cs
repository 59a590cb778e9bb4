using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;
using DbaaS.IntegrationTests.Instances;

namespace DbaaS.EndToEndTests;

/// <summary>
/// A build whose guest never answers ends at its deadline in BUILDING_ERROR_TIMEOUT_GA with a fault users can read,
/// its server is removed, and the instance can be deleted. The guest is a stand-in that starts and stays silent
/// (a shell script sleeping): a real guest that hangs is hard to provoke on purpose.
/// </summary>
public sealed class BuildDeadlineTests : IAsyncLifetime
{
    readonly string _stateDirectory = Directory.CreateTempSubdirectory("dbaas-e2e-deadline-").FullName;
    DbaaSApp _app = null!;

    public async Task InitializeAsync()
    {
        var silentGuest = Path.Combine(_stateDirectory, "silent-guest.sh");
        await File.WriteAllTextAsync(silentGuest, "#!/bin/sh\nexec sleep 600\n");
        File.SetUnixFileMode(silentGuest, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = ProcessServersApp.SettingsFor(Path.Combine(_stateDirectory, "instances"));
        settings["Compute:Process:GuestAgentCommand"] = silentGuest;
        settings["Instances:BuildTimeoutSeconds"] = "3";
        _app = new DbaaSApp { Settings = settings };
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        GuestProcesses.KillEverythingUnder(_stateDirectory);
        try { Directory.Delete(_stateDirectory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_build_past_its_deadline_ends_in_error_frees_its_server_and_can_be_deleted_WithSilentStandInGuest()
    {
        var client = _app.Client();
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        var id = await client.CreateInstanceAsync(session, InstanceSteps.CreateBody("never-ready"));

        var failed = await client.WaitForStatusAsync(session, id, TimeSpan.FromSeconds(60), "ERROR");
        Assert.Contains("did not become ready in time", failed.GetProperty("fault").Str("message"));
        var mgmt = await client.GetAsync(admin.Mgmt($"instances/{id}"), admin.Token);
        Assert.Equal("BUILDING_ERROR_TIMEOUT_GA", mgmt.Body.GetProperty("instance").Str("task_description"));
        // The fault is recorded first, then the server freed.
        var freedBy = DateTime.UtcNow.AddSeconds(30);
        while (Directory.Exists(Path.Combine(_stateDirectory, "instances", id)) && DateTime.UtcNow < freedBy) await Task.Delay(100);
        Assert.False(Directory.Exists(Path.Combine(_stateDirectory, "instances", id)), "the failed build's server was not removed");
        Assert.Empty(GuestProcesses.WithCommandLineContaining(Path.Combine(_stateDirectory, "instances", id)));

        (await client.SendAsync(HttpMethod.Post, session.Tenant($"instances/{id}/action"), session.Token, new { restart = new { } }))
            .AssertFault(422, "unprocessableEntity", "can only be deleted");
        (await client.SendAsync(HttpMethod.Delete, session.Tenant($"instances/{id}"), session.Token)).AssertStatus(202);
        await client.WaitUntilGoneAsync(session, id, TimeSpan.FromSeconds(30));
        Assert.Equal(0, await client.QuotaInUseAsync(admin, session.ProjectId, "instances"));
    }
}
