using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Http;

[Collection(ApiCollection.Name)]
public sealed class HealthAndOpenApiTests(DbaaSApp app)
{
    private readonly ApiClient _client = app.Client();

    [Fact]
    public async Task Healthz_answers_alive_without_checking_dependencies()
    {
        var response = await _client.GetAsync("/healthz", null);
        response.AssertStatus(200);
        Assert.Equal("healthy", response.Body.GetProperty("status").GetString());
        Assert.Empty(response.Body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Readyz_checks_postgresql_and_the_message_bus()
    {
        var response = await _client.GetAsync("/readyz", null);
        response.AssertStatus(200);
        var checks = response.Body.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Swagger_document_lists_every_route()
    {
        var response = await _client.GetAsync("/swagger/v1/swagger.json", null);
        response.AssertStatus(200);
        var paths = response.Body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var expected in new[]
                 {
                     "/v3/auth/tokens", "/v3/projects", "/v3/users", "/v1.0/{tenant_id}/flavors", "/v1.0/{tenant_id}/flavors/{flavor_id}",
                     "/v1.0/{tenant_id}/datastores", "/v1.0/{tenant_id}/datastores/{datastore_id}/versions/{version_id}/parameters",
                     "/v1.0/{tenant_id}/datastores/versions/{version_id}", "/v1.0/{tenant_id}/limits",
                     "/v1.0/{tenant_id}/mgmt/datastore-versions", "/v1.0/{tenant_id}/mgmt/quotas/{project_id}",
                     "/v1.0/{tenant_id}/mgmt/datastores/versions/{version_id}/parameters/{name}", "/v1.0/{tenant_id}/mgmt/flavors",
                 })
            Assert.Contains(expected, paths);
    }
}
