using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Http;

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly DbaaSApp _app = new() { Settings = { ["RateLimits:HttpGetRate"] = "3" } };

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Past_the_per_minute_GET_rate_a_project_gets_413_overLimit_with_Retry_After()
    {
        var client = _app.Client();
        var busy = await _app.NewProjectUserAsync();
        var other = await _app.NewProjectUserAsync();
        for (var i = 0; i < 3; i++) (await client.GetAsync($"/v1.0/{busy.ProjectId}/flavors", busy.Token)).AssertStatus(200);

        var refused = await client.GetAsync($"/v1.0/{busy.ProjectId}/flavors", busy.Token);
        refused.AssertFault(413, "overLimit", "3 GET requests per minute");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);

        // Limits are per project: another project is unaffected.
        (await client.GetAsync($"/v1.0/{other.ProjectId}/flavors", other.Token)).AssertStatus(200);
    }

    [Fact]
    public async Task Limits_report_what_remains_of_the_rate()
    {
        var client = _app.Client();
        var session = await _app.NewProjectUserAsync();
        (await client.GetAsync($"/v1.0/{session.ProjectId}/flavors", session.Token)).AssertStatus(200);
        var limits = await client.GetAsync($"/v1.0/{session.ProjectId}/limits", session.Token);
        limits.AssertStatus(200);
        var get = limits.Body.GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("verb").GetString() == "GET");
        Assert.Equal(3, get.GetProperty("value").GetInt32());
        Assert.Equal(1, get.GetProperty("remaining").GetInt32());
        Assert.Equal("MINUTE", get.GetProperty("unit").GetString());
    }
}
