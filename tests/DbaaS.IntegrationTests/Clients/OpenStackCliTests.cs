using System.Text.Json;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Clients;

/// <summary>
/// The real OpenStack CLI (Debian's python3-openstackclient + python3-troveclient) against the running server.
/// Its own server and database: other tests' flavors would change what the clients list.
/// </summary>
public sealed class OpenStackCliTests(DbaaSApp app) : IClassFixture<DbaaSApp>
{
    private Dictionary<string, string> PasswordEnvironment(string user, string password, string project) => new()
    {
        ["OS_AUTH_URL"] = $"{app.BaseUrl}/v3",
        ["OS_USERNAME"] = user,
        ["OS_PASSWORD"] = password,
        ["OS_PROJECT_NAME"] = project,
        ["OS_USER_DOMAIN_NAME"] = "Default",
        ["OS_PROJECT_DOMAIN_NAME"] = "Default",
        ["OS_IDENTITY_API_VERSION"] = "3",
    };

    [Fact]
    public async Task Openstack_cli_logs_in_with_a_password_and_lists_flavors_and_datastores()
    {
        var environment = PasswordEnvironment("demo", DbaaSApp.DemoPassword, "demo");

        var flavors = await ExternalProcess.RunAsync("openstack", ["database", "flavor", "list", "-f", "json"], environment);
        flavors.AssertSuccess();
        var flavorNames = JsonDocument.Parse(flavors.Stdout).RootElement.EnumerateArray().Select(f => f.GetProperty("Name").GetString()).ToList();
        Assert.Contains("m1.small", flavorNames);

        var datastores = await ExternalProcess.RunAsync("openstack", ["datastore", "list", "-f", "json"], environment);
        datastores.AssertSuccess();
        var datastoreNames = JsonDocument.Parse(datastores.Stdout).RootElement.EnumerateArray().Select(d => d.GetProperty("Name").GetString()).ToList();
        Assert.Contains("mariadb", datastoreNames);
        Assert.Contains("postgresql", datastoreNames);
        Assert.Contains("redis", datastoreNames);
        Assert.DoesNotContain("Failed to discover", flavors.Stderr + datastores.Stderr);
    }

    [Fact]
    public async Task Openstack_cli_with_a_fixed_endpoint_and_token_sends_no_project_header_and_works()
    {
        var demo = await app.DemoAsync();
        var result = await ExternalProcess.RunAsync("openstack",
        [
            "--os-auth-type", "admin_token", "--os-endpoint", $"{app.BaseUrl}/v1.0/{demo.ProjectId}", "--os-token", demo.Token,
            "database", "flavor", "list", "-f", "json",
        ], new Dictionary<string, string>());
        result.AssertSuccess();
        Assert.Equal(5, JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().Count(f => f.GetProperty("Name").GetString()!.StartsWith("m1.")));
    }

    [Fact]
    public async Task Openstack_cli_shows_a_datastore_version_and_its_parameters()
    {
        var environment = PasswordEnvironment("demo", DbaaSApp.DemoPassword, "demo");
        var parameters = await ExternalProcess.RunAsync("openstack",
            ["database", "configuration", "parameter", "list", "10.11", "--datastore", "mariadb", "-f", "json"], environment);
        parameters.AssertSuccess();
        Assert.Contains(JsonDocument.Parse(parameters.Stdout).RootElement.EnumerateArray(), p => p.GetProperty("Name").GetString() == "max_connections");
    }

    [Fact]
    public async Task Openstack_cli_shows_datastores_and_versions_by_name()
    {
        var environment = PasswordEnvironment("demo", DbaaSApp.DemoPassword, "demo");
        foreach (var command in new[]
                 {
                     new[] { "datastore", "show", "mariadb" },
                     ["datastore", "version", "list", "postgresql"],
                     ["datastore", "version", "show", "10.11", "--datastore", "mariadb"],
                     ["database", "flavor", "show", "2"],
                 })
        {
            var result = await ExternalProcess.RunAsync("openstack", [.. command, "-f", "json"], environment);
            result.AssertSuccess();
            JsonDocument.Parse(result.Stdout);
        }
        // limit list prints two tables whatever the format.
        var limits = await ExternalProcess.RunAsync("openstack", ["database", "limit", "list"], environment);
        limits.AssertSuccess();
        Assert.Contains("max_instances", limits.Stdout);
    }

    [Fact]
    public async Task Openstack_cli_as_admin_creates_a_project_and_a_user_and_grants_a_role()
    {
        var environment = PasswordEnvironment("admin", DbaaSApp.AdminPassword, "admin");
        var name = "osc-" + Guid.NewGuid().ToString("N")[..8];
        (await ExternalProcess.RunAsync("openstack", ["project", "create", name, "-f", "json"], environment)).AssertSuccess();
        (await ExternalProcess.RunAsync("openstack",
            ["user", "create", name, "--password", "osc-password-1", "--project", name, "-f", "json"], environment)).AssertSuccess();
        (await ExternalProcess.RunAsync("openstack", ["role", "add", "--project", name, "--user", name, "member"], environment)).AssertSuccess();

        var asNewUser = await ExternalProcess.RunAsync("openstack", ["database", "flavor", "list", "-f", "json"],
            PasswordEnvironment(name, "osc-password-1", name));
        asNewUser.AssertSuccess();
        var projects = await ExternalProcess.RunAsync("openstack", ["project", "list", "-f", "json"], environment);
        projects.AssertSuccess();
        Assert.Contains(name, projects.Stdout);
    }

    [Fact]
    public async Task Trove_cli_sends_its_project_header_and_lists_flavors()
    {
        var environment = PasswordEnvironment("demo", DbaaSApp.DemoPassword, "demo");
        var result = await ExternalProcess.RunAsync("trove", ["flavor-list"], environment);
        result.AssertSuccess();
        Assert.Contains("m1.tiny", result.Stdout);
    }

    [Fact]
    public async Task Openstack_cli_with_a_wrong_password_fails_with_the_servers_message()
    {
        var environment = PasswordEnvironment("demo", "not-the-password", "demo");
        var result = await ExternalProcess.RunAsync("openstack", ["database", "flavor", "list"], environment);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("401", result.Stderr);
    }
}
