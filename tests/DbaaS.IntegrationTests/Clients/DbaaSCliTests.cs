using System.Text.Json;
using DbaaS.Cli;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Clients;

/// <summary>Our <c>dbaas</c> CLI, in process, over real HTTP against the running server.</summary>
[Collection(ApiCollection.Name)]
public sealed class DbaaSCliTests(DbaaSApp app)
{
    private Dictionary<string, string?> Credentials(string user, string password, string project) => new()
    {
        ["OS_AUTH_URL"] = $"{app.BaseUrl}/v3",
        ["OS_USERNAME"] = user,
        ["OS_PASSWORD"] = password,
        ["OS_PROJECT_NAME"] = project,
        ["OS_USER_DOMAIN_NAME"] = "Default",
        ["OS_PROJECT_DOMAIN_NAME"] = "Default",
        ["NO_COLOR"] = "1",
    };

    private static async Task<(int Code, string Out, string Err)> RunAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Tenant_reads_the_catalog_as_tables_and_json()
    {
        var demo = Credentials("demo", DbaaSApp.DemoPassword, "demo");
        var table = await RunAsync(demo, "flavor", "list");
        Assert.True(table.Code == 0, table.Err);
        Assert.Contains("m1.medium", table.Out);

        var json = await RunAsync(demo, "datastore", "list", "-f", "json");
        Assert.True(json.Code == 0, json.Err);
        Assert.Contains(JsonDocument.Parse(json.Out).RootElement.EnumerateArray(), d => d.GetProperty("name").GetString() == "redis");

        var versions = await RunAsync(demo, "datastore", "version", "list", "postgresql", "-f", "json");
        Assert.True(versions.Code == 0, versions.Err);
        Assert.Contains(JsonDocument.Parse(versions.Out).RootElement.EnumerateArray(), v => v.GetProperty("name").GetString() == "15");

        var parameter = await RunAsync(demo, "datastore", "version", "parameter", "show", "15", "max_connections", "--datastore", "postgresql", "-f", "json");
        Assert.True(parameter.Code == 0, parameter.Err);
        Assert.Equal("integer", JsonDocument.Parse(parameter.Out).RootElement.GetProperty("type").GetString());

        var limits = await RunAsync(demo, "limit", "list");
        Assert.True(limits.Code == 0, limits.Err);
        Assert.Contains("ABSOLUTE", limits.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Admin_creates_a_project_and_user_sets_a_quota_and_the_new_user_logs_in()
    {
        var admin = Credentials("admin", DbaaSApp.AdminPassword, "admin");
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var project = await RunAsync(admin, "identity", "project", "create", name, "-f", "json");
        Assert.True(project.Code == 0, project.Err);
        var projectId = JsonDocument.Parse(project.Out).RootElement.GetProperty("id").GetString()!;

        var user = await RunAsync(admin, "identity", "user", "create", name, "--password", "cli-password-1", "--project", name, "--role", "member");
        Assert.True(user.Code == 0, user.Err);

        var update = await RunAsync(admin, "quota", "update", projectId, "--instances", "7");
        Assert.True(update.Code == 0, update.Err);
        var quota = await RunAsync(admin, "quota", "show", projectId, "-f", "json");
        Assert.Contains(JsonDocument.Parse(quota.Out).RootElement.EnumerateArray(),
            q => q.GetProperty("resource").GetString() == "instances" && q.GetProperty("limit").GetInt32() == 7);

        var asNewUser = await RunAsync(Credentials(name, "cli-password-1", name), "flavor", "list", "-f", "value");
        Assert.True(asNewUser.Code == 0, asNewUser.Err);
        Assert.Contains("m1.tiny", asNewUser.Out);
    }

    [Fact]
    public async Task Api_refusals_reach_the_user_with_a_nonzero_exit_code()
    {
        var demo = Credentials("demo", DbaaSApp.DemoPassword, "demo");
        var forbidden = await RunAsync(demo, "quota", "show", "someproject");
        Assert.Equal(1, forbidden.Code);
        Assert.Contains("administrators", forbidden.Err);
        Assert.Contains("403", forbidden.Err);

        var missing = await RunAsync(demo, "datastore", "show", "oracle");
        Assert.Equal(1, missing.Code);
        Assert.Contains("oracle", missing.Err);

        var badLogin = await RunAsync(Credentials("demo", "wrong-password", "demo"), "flavor", "list");
        Assert.Equal(1, badLogin.Code);
        Assert.Contains("401", badLogin.Err);
    }
}
