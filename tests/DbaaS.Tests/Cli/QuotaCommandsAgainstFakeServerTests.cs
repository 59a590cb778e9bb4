namespace DbaaS.Tests.Cli;

public class QuotaCommandsAgainstFakeServerTests
{
    private const string TenantId = "2d3c1a0b9f8e4d7c6b5a493827161504";

    [Fact]
    public async Task Show_gets_the_mgmt_quotas_of_the_project()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database($"mgmt/quotas/{TenantId}"), """
            {"quotas":[{"resource":"instances","in_use":5,"limit":15,"reserved":0},
                       {"resource":"backups","in_use":2,"limit":50,"reserved":1}]}
            """);

        var result = await DbaaSCli.RunAsync(server, "quota", "show", TenantId);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| Resource  | In Use | Reserved | Limit |", result.Stdout);
        Assert.Contains("| backups   | 2      | 1        | 50    |", result.Stdout);
    }

    [Fact]
    public async Task Update_puts_only_the_given_limits_and_prints_the_answer()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Put, FakeDbaaSServer.Database($"mgmt/quotas/{TenantId}"),
            """{"quotas":{"instances":10,"ram":-1}}""");

        var result = await DbaaSCli.RunAsync(server, "quota", "update", TenantId, "--instances", "10", "--ram", "-1", "-f", "value");

        Assert.Equal(0, result.ExitCode);
        var put = server.RequestsAfterLogin.Single();
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.StartsWith("application/json", put.Headers.GetValueOrDefault("Content-Type") ?? "application/json");
        JsonAssert.Equal("""{"quotas":{"instances":10,"ram":-1}}""", put.Json);
        Assert.Equal(["10", "-1"], result.StdoutLines);
    }

    [Fact]
    public async Task Update_with_all_four_limits_sends_all_four()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Put, FakeDbaaSServer.Database($"mgmt/quotas/{TenantId}"),
            """{"quotas":{"instances":1,"volumes":2,"backups":3,"ram":4}}""");

        var result = await DbaaSCli.RunAsync(server, "quota", "update", TenantId, "--instances", "1", "--volumes", "2", "--backups", "3", "--ram", "4");

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal("""{"quotas":{"instances":1,"volumes":2,"backups":3,"ram":4}}""", server.RequestsAfterLogin.Single().Json);
    }

    [Fact]
    public async Task Update_without_any_limit_is_a_usage_error_and_sends_nothing()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, "quota", "update", TenantId);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give at least one of --instances, --volumes, --backups, --ram.", result.Stderr);
        Assert.Empty(server.Requests);
    }
}
