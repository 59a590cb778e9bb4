using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances.Access;

/// <summary>The root routes and the management root history through the simulated guest (Compute:Driver=simulated).</summary>
[Collection(SimulatedServersCollection.Name)]
public sealed class RootApiWithSimulatedGuestTests(SimulatedServersApp fixture)
{
    readonly DbaaSApp _app = fixture.App;
    readonly ApiClient _client = fixture.App.Client();

    [Fact]
    public async Task Root_is_enabled_with_a_generated_password_shown_once_recorded_and_disabled()
    {
        var admin = await _app.AdminAsync();
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);

        var never = await _client.GetAsync(admin.Mgmt($"instances/{id}/root"), admin.Token);
        never.AssertStatus(200);
        Assert.Equal("Never", never.Body.GetProperty("root_history").Str("enabled"));
        Assert.Equal("Nobody", never.Body.GetProperty("root_history").Str("user"));
        Assert.False((await _client.GetAsync(session.Inside(id, "root"), session.Token)).Body.GetProperty("rootEnabled").GetBoolean());

        var before = DateTime.UtcNow.AddSeconds(-5);
        var enabled = await _client.SendRawAsync(HttpMethod.Post, session.Inside(id, "root"), session.Token, body: null, contentType: null);
        enabled.AssertStatus(200);
        Assert.Equal("root", enabled.Body.GetProperty("user").Str("name"));
        Assert.True(enabled.Body.GetProperty("user").Str("password").Length >= 16);
        Assert.True((await _client.GetAsync(session.Inside(id, "root"), session.Token)).Body.GetProperty("rootEnabled").GetBoolean());

        var history = (await _client.GetAsync(admin.Mgmt($"instances/{id}/root"), admin.Token)).Body.GetProperty("root_history");
        Assert.Equal(id, history.Str("id"));
        Assert.Equal(session.UserId, history.Str("user"));
        var when = DateTime.Parse(history.Str("enabled"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(when, before, DateTime.UtcNow.AddSeconds(5));

        (await _client.SendAsync(HttpMethod.Delete, session.Inside(id, "root"), session.Token)).AssertStatus(204);
        Assert.False((await _client.GetAsync(session.Inside(id, "root"), session.Token)).Body.GetProperty("rootEnabled").GetBoolean());
        var kept = (await _client.GetAsync(admin.Mgmt($"instances/{id}/root"), admin.Token)).Body.GetProperty("root_history");
        Assert.Equal(session.UserId, kept.Str("user"));
        Assert.Equal(1, await _app.Database.ScalarAsync<long>($"SELECT count(*) FROM root_enabled_history WHERE instance_id = '{id}'"));
    }

    [Fact]
    public async Task Root_takes_a_given_password_and_refuses_a_bad_one()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session, "postgresql");

        var enabled = await _client.SendAsync(HttpMethod.Post, session.Inside(id, "root"), session.Token, new { password = "Giv3n-root-pw" });
        enabled.AssertStatus(200);
        Assert.Equal("Giv3n-root-pw", enabled.Body.GetProperty("user").Str("password"));

        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "root"), session.Token, new { password = new string('x', 129) }))
            .AssertFault(400, "badRequest", "password");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "root"), session.Token, new { password = 42 }))
            .AssertFault(400, "badRequest", "password");
        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "root"), session.Token, new { passwd = "x" }))
            .AssertFault(400, "badRequest", "Unknown field 'passwd'");
    }

    [Fact]
    public async Task The_root_history_is_for_admins_and_root_of_another_project_is_not_found()
    {
        var owner = await _app.NewProjectUserAsync();
        var stranger = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(owner, "redis");

        (await _client.GetAsync(owner.Mgmt($"instances/{id}/root"), owner.Token)).AssertFault(403, "forbidden");
        (await _client.SendAsync(HttpMethod.Post, stranger.Inside(id, "root"), stranger.Token)).AssertFault(404, "itemNotFound", id);
        var admin = await _app.AdminAsync();
        (await _client.GetAsync(admin.Mgmt($"instances/{Guid.NewGuid()}/root"), admin.Token)).AssertFault(404, "itemNotFound");
        Assert.Equal(0, await _app.Database.ScalarAsync<long>($"SELECT count(*) FROM root_enabled_history WHERE instance_id = '{id}'"));
    }

    [Fact]
    public async Task Root_on_an_instance_that_is_not_ACTIVE_answers_422_and_records_nothing()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _client.ActiveInstanceAsync(session);
        await _app.Database.ExecuteAsync($"UPDATE instances SET service_status = 'CRASHED' WHERE id = '{id}'");

        (await _client.SendAsync(HttpMethod.Post, session.Inside(id, "root"), session.Token)).AssertFault(422, "unprocessableEntity", "SHUTDOWN");
        Assert.Equal(0, await _app.Database.ScalarAsync<long>($"SELECT count(*) FROM root_enabled_history WHERE instance_id = '{id}'"));
    }
}
