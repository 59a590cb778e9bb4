namespace DbaaS.Tests.Cli;

/// <summary>Without enough credentials the CLI says what is missing, exits 2 and sends nothing to the (fake) server.</summary>
public class MissingCredentialsTests
{
    [Fact]
    public async Task No_credentials_at_all_names_both_ways_in()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, new Dictionary<string, string?>(), "flavor", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("ERROR: Missing credentials: OS_AUTH_URL (--os-auth-url), OS_USERNAME", result.Stderr);
        Assert.Contains("OS_TOKEN with OS_ENDPOINT", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("OS_AUTH_URL")]
    [InlineData("OS_USERNAME")]
    [InlineData("OS_PASSWORD")]
    [InlineData("OS_PROJECT_NAME")]
    public async Task Each_missing_login_setting_is_named(string variable)
    {
        var server = new FakeDbaaSServer();
        var environment = DbaaSCli.PasswordEnvironment();
        environment.Remove(variable);

        var result = await DbaaSCli.RunAsync(server, environment, "datastore", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Missing credentials: {variable}", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_empty_variable_counts_as_missing()
    {
        var environment = DbaaSCli.PasswordEnvironment();
        environment["OS_PASSWORD"] = "";

        var result = await DbaaSCli.RunAsync(new FakeDbaaSServer(), environment, "flavor", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OS_PASSWORD (--os-password)", result.Stderr);
    }

    [Fact]
    public async Task A_token_without_an_endpoint_is_not_enough_for_database_commands()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, new Dictionary<string, string?> { ["OS_TOKEN"] = "t" }, "flavor", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OS_ENDPOINT (--os-endpoint)", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_token_without_an_auth_url_is_not_enough_for_identity_commands()
    {
        var environment = new Dictionary<string, string?> { ["OS_TOKEN"] = "t", ["OS_ENDPOINT"] = FakeDbaaSServer.DatabaseUrl };

        var result = await DbaaSCli.RunAsync(new FakeDbaaSServer(), environment, "identity", "user", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OS_AUTH_URL (--os-auth-url)", result.Stderr);
    }

    [Fact]
    public async Task An_auth_url_that_is_not_a_url_is_a_usage_error()
    {
        var environment = DbaaSCli.PasswordEnvironment();
        environment["OS_AUTH_URL"] = "keystone:5000";

        var result = await DbaaSCli.RunAsync(new FakeDbaaSServer(), environment, "flavor", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OS_AUTH_URL (--os-auth-url) must be an http(s) URL", result.Stderr);
    }
}
