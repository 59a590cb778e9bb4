using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Clients;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances;

/// <summary>
/// The real <c>trove</c> CLI (python3-troveclient) drives the whole instance lifecycle; the servers behind are
/// simulated because this test is about wire compatibility (the engines are tested end to end elsewhere).
/// </summary>
[Collection(SimulatedServersCollection.Name)]
public sealed class TroveCliInstancesWithSimulatedServersTests(SimulatedServersApp fixture)
{
    readonly DbaaSApp _app = fixture.App;

    [Fact]
    public async Task Trove_creates_lists_shows_restarts_resizes_and_deletes_an_instance()
    {
        var client = _app.Client();
        var session = await _app.NewProjectUserAsync();
        var environment = OpenStackEnvironment.For(_app, session);

        var created = await ExternalProcess.RunAsync("trove",
            ["create", "trove-made", "2", "--size", "1", "--datastore", "mariadb", "--datastore_version", "10.11",
             "--databases", "app", "--users", "app:S3cret"], environment);
        created.AssertSuccess();
        var id = (await client.GetAsync(session.Tenant("instances"), session.Token)).Body.GetProperty("instances")[0].Str("id");
        Assert.Contains(id, created.Stdout);
        await client.WaitForStatusAsync(session, id, TimeSpan.FromSeconds(30), "ACTIVE");

        var list = await ExternalProcess.RunAsync("trove", ["list"], environment);
        list.AssertSuccess();
        Assert.Contains("trove-made", list.Stdout);
        Assert.Contains("ACTIVE", list.Stdout);

        var show = await ExternalProcess.RunAsync("trove", ["show", id], environment);
        show.AssertSuccess();
        Assert.Contains("mariadb", show.Stdout);

        (await ExternalProcess.RunAsync("trove", ["restart", id], environment)).AssertSuccess();
        await client.WaitForStatusAsync(session, id, TimeSpan.FromSeconds(30), "ACTIVE");
        (await ExternalProcess.RunAsync("trove", ["resize-volume", id, "2"], environment)).AssertSuccess();
        await client.WaitForStatusAsync(session, id, TimeSpan.FromSeconds(30), "ACTIVE");
        (await ExternalProcess.RunAsync("trove", ["resize-instance", id, "3"], environment)).AssertSuccess();
        await client.WaitForStatusAsync(session, id, TimeSpan.FromSeconds(30), "ACTIVE");
        var resized = await client.ShowInstanceAsync(session, id);
        Assert.Equal("3", resized.GetProperty("flavor").Str("id"));

        (await ExternalProcess.RunAsync("trove", ["delete", id], environment)).AssertSuccess();
        await client.WaitUntilGoneAsync(session, id, TimeSpan.FromSeconds(30));
    }
}
