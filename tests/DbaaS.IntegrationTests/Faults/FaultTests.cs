using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Faults;

[Collection(ApiCollection.Name)]
public sealed class FaultTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Unknown_route_is_itemNotFound_even_without_a_token()
    {
        (await _client.GetAsync("/no/such/route", null)).AssertFault(404, "itemNotFound", "/no/such/route");
        var demo = await app.DemoAsync();
        (await _client.GetAsync($"/v1.0/{demo.ProjectId}/flavors/999999", demo.Token)).AssertFault(404, "itemNotFound", "999999");
    }

    [Fact]
    public async Task Wrong_method_is_405_badMethod()
    {
        var demo = await app.DemoAsync();
        (await _client.SendAsync(HttpMethod.Put, $"/v1.0/{demo.ProjectId}/flavors", demo.Token, new { })).AssertFault(405, "badMethod", "PUT");
    }

    [Fact]
    public async Task Malformed_json_is_400_with_the_reason()
    {
        var (admin, url) = await MgmtFlavorsAsync();
        (await _client.SendRawAsync(HttpMethod.Post, url, admin.Token, "{\"flavor\": {\"name\": ", "application/json"))
            .AssertFault(400, "badRequest", "not valid JSON");
        (await _client.SendRawAsync(HttpMethod.Post, url, admin.Token, "[1,2]", "application/json"))
            .AssertFault(400, "badRequest", "JSON object");
        (await _client.SendRawAsync(HttpMethod.Post, url, admin.Token, "", "application/json"))
            .AssertFault(400, "badRequest", "empty");
    }

    [Fact]
    public async Task Wrong_content_type_is_400()
    {
        var (admin, url) = await MgmtFlavorsAsync();
        (await _client.SendRawAsync(HttpMethod.Post, url, admin.Token, "{\"flavor\":{}}", "text/plain"))
            .AssertFault(400, "badRequest", "Content-Type", "text/plain");
    }

    [Fact]
    public async Task Body_over_the_size_limit_is_400_and_nothing_is_created()
    {
        var (admin, url) = await MgmtFlavorsAsync();
        var name = "huge-" + Guid.NewGuid().ToString("N")[..8];
        var body = $"{{\"flavor\":{{\"name\":\"{name}\",\"ram\":512,\"vcpus\":1,\"disk\":1,\"pad\":\"{new string('x', 300_000)}\"}}}}";
        (await _client.SendRawAsync(HttpMethod.Post, url, admin.Token, body, "application/json")).AssertFault(400, "badRequest", "exceeds the limit");
        var list = await _client.GetAsync($"/v1.0/{admin.ProjectId}/flavors", admin.Token);
        Assert.DoesNotContain(list.Body.GetProperty("flavors").EnumerateArray(), f => f.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Wrong_types_missing_and_unknown_fields_are_400_naming_the_field()
    {
        var (admin, url) = await MgmtFlavorsAsync();
        (await _client.SendAsync(HttpMethod.Post, url, admin.Token, new { flavor = new { name = "t", ram = "lots", vcpus = 1, disk = 1 } }))
            .AssertFault(400, "badRequest", "flavor.ram", "integer");
        (await _client.SendAsync(HttpMethod.Post, url, admin.Token, new { flavor = new { name = "t", vcpus = 1, disk = 1 } }))
            .AssertFault(400, "badRequest", "flavor.ram", "Missing");
        (await _client.SendAsync(HttpMethod.Post, url, admin.Token, new { flavor = new { name = "t", ram = 512, vcpus = 1, disk = 1, gpu = 1 } }))
            .AssertFault(400, "badRequest", "flavor.gpu", "Unknown");
        (await _client.SendAsync(HttpMethod.Post, url, admin.Token, new { flavor = new { name = "t", ram = 512, vcpus = 0, disk = 1 } }))
            .AssertFault(400, "badRequest", "flavor.vcpus", "between");
        (await _client.SendAsync(HttpMethod.Post, url, admin.Token, new { flavour = new { } }))
            .AssertFault(400, "badRequest", "flavor");
    }

    [Fact]
    public async Task An_internal_error_is_500_with_a_request_id_and_no_internals()
    {
        var broken = new DbaaSApp();
        await ((IAsyncLifetime)broken).InitializeAsync();
        try
        {
            var session = await broken.DemoAsync();
            // Lose a table under the running server: the next catalog read fails inside the database driver.
            await broken.Database.ExecuteAsync("DROP TABLE datastore_version_flavors");
            var response = await broken.Client().GetAsync($"/v1.0/{session.ProjectId}/flavors", session.Token);
            var message = response.AssertFault(500, "computeFault", "Request id");
            Assert.DoesNotContain("Npgsql", response.Text);
            Assert.DoesNotContain(" at ", response.Text);
            Assert.DoesNotContain("datastore_version_flavors", response.Text);
            Assert.Matches("Request id: [0-9a-f]{32}", message);
        }
        finally
        {
            await ((IAsyncLifetime)broken).DisposeAsync();
        }
    }

    private async Task<(Session Admin, string Url)> MgmtFlavorsAsync()
    {
        var admin = await app.AdminAsync();
        return (admin, $"/v1.0/{admin.ProjectId}/mgmt/flavors");
    }
}
