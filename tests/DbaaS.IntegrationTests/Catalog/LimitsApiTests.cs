using System.Globalization;
using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class LimitsApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Absolute_limits_come_first_with_the_default_quotas()
    {
        var session = await app.NewProjectUserAsync();
        var response = await _client.GetAsync(session.Tenant("limits"), session.Token);
        response.AssertStatus(200);
        var absolute = response.Items("limits").First();
        Assert.Equal("ABSOLUTE", absolute.Str("verb"));
        absolute.AssertKinds(("max_instances", JsonValueKind.Number), ("max_volumes", JsonValueKind.Number),
            ("max_backups", JsonValueKind.Number), ("max_ram", JsonValueKind.Number));
        Assert.Equal(10, absolute.GetProperty("max_instances").GetInt32());
        Assert.Equal(40, absolute.GetProperty("max_volumes").GetInt32());
        Assert.Equal(50, absolute.GetProperty("max_backups").GetInt32());
        Assert.Equal(-1, absolute.GetProperty("max_ram").GetInt32());
    }

    [Fact]
    public async Task Rate_limits_follow_in_Troves_shape()
    {
        var session = await app.NewProjectUserAsync();
        var response = await _client.GetAsync(session.Tenant("limits"), session.Token);
        var rates = response.Items("limits").Skip(1).ToList();
        Assert.Equal(["POST *", "PUT *", "DELETE *", "GET *", "POST */mgmt"], rates.Select(r => $"{r.Str("verb")} {r.Str("uri")}"));
        foreach (var rate in rates)
        {
            rate.AssertKinds(("verb", JsonValueKind.String), ("uri", JsonValueKind.String), ("regex", JsonValueKind.String),
                ("value", JsonValueKind.Number), ("unit", JsonValueKind.String), ("remaining", JsonValueKind.Number),
                ("nextAvailable", JsonValueKind.String));
            Assert.Equal("MINUTE", rate.Str("unit"));
            // The test app raises every limit so that tests are never throttled.
            Assert.Equal(100000, rate.GetProperty("value").GetInt32());
            Assert.InRange(rate.GetProperty("remaining").GetInt32(), 0, 100000);
            Assert.True(DateTime.TryParseExact(rate.Str("nextAvailable"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal, out _), rate.Str("nextAvailable"));
        }
        Assert.Equal("^/mgmt", rates[^1].Str("regex"));
    }

    [Fact]
    public async Task Remaining_counts_down_as_the_project_makes_requests()
    {
        var session = await app.NewProjectUserAsync();
        for (var i = 0; i < 3; i++) (await _client.GetAsync(session.Tenant("flavors"), session.Token)).AssertStatus(200);
        var response = await _client.GetAsync(session.Tenant("limits"), session.Token);
        var get = response.Items("limits").Single(r => r.Str("verb") == "GET");
        // Three flavor lists plus this request.
        Assert.Equal(100000 - 4, get.GetProperty("remaining").GetInt32());
        var delete = response.Items("limits").Single(r => r.Str("verb") == "DELETE");
        Assert.Equal(100000, delete.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task A_quota_change_shows_in_the_projects_limits()
    {
        var admin = await app.AdminAsync();
        var session = await app.NewProjectUserAsync();
        (await _client.SendAsync(HttpMethod.Put, admin.Mgmt($"quotas/{session.ProjectId}"), admin.Token,
            new { quotas = new { instances = 3, ram = 8192 } })).AssertStatus(200);
        var absolute = (await _client.GetAsync(session.Tenant("limits"), session.Token)).Items("limits").First();
        Assert.Equal(3, absolute.GetProperty("max_instances").GetInt32());
        Assert.Equal(8192, absolute.GetProperty("max_ram").GetInt32());
        Assert.Equal(40, absolute.GetProperty("max_volumes").GetInt32());
    }
}
