namespace DbaaS.Tests.Cli;

/// <summary>OS_TOKEN + OS_ENDPOINT: no login, the given token on every call to the given endpoint.</summary>
public class TokenModeAgainstFakeServerTests
{
    private const string GivenToken = "token-from-elsewhere";

    private static Dictionary<string, string?> TokenEnvironment() => new()
    {
        ["OS_TOKEN"] = GivenToken,
        ["OS_ENDPOINT"] = FakeDbaaSServer.DatabaseUrl,
    };

    [Fact]
    public async Task Skips_the_login_and_sends_the_token_to_the_endpoint()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), """{"flavors":[]}""");

        var result = await DbaaSCli.RunAsync(server, TokenEnvironment(), "flavor", "list");

        Assert.Equal(0, result.ExitCode);
        var only = Assert.Single(server.Requests);
        Assert.Equal(FakeDbaaSServer.Database("flavors"), only.Url.AbsoluteUri);
        Assert.Equal(GivenToken, only.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task Token_mode_wins_even_when_password_variables_are_also_set()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), """{"flavors":[]}""");
        var environment = DbaaSCli.PasswordEnvironment();
        environment["OS_TOKEN"] = GivenToken;
        environment["OS_ENDPOINT"] = FakeDbaaSServer.DatabaseUrl;

        await DbaaSCli.RunAsync(server, environment, "flavor", "list");

        Assert.Equal(GivenToken, Assert.Single(server.Requests).Header("X-Auth-Token"));
    }

    [Fact]
    public async Task Token_flags_work_without_any_environment()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), """{"flavors":[]}""");

        var result = await DbaaSCli.RunAsync(server, new Dictionary<string, string?>(),
            "flavor", "list", "--os-token", GivenToken, "--os-endpoint", FakeDbaaSServer.DatabaseUrl);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(GivenToken, Assert.Single(server.Requests).Header("X-Auth-Token"));
    }

    [Fact]
    public async Task Identity_commands_use_the_token_at_the_auth_url()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Identity("projects"), """{"projects":[]}""");
        var environment = TokenEnvironment();
        environment["OS_AUTH_URL"] = FakeDbaaSServer.AuthUrl;

        var result = await DbaaSCli.RunAsync(server, environment, "identity", "project", "list");

        Assert.Equal(0, result.ExitCode);
        var only = Assert.Single(server.Requests);
        Assert.Equal(FakeDbaaSServer.Identity("projects"), only.Url.AbsoluteUri);
        Assert.Equal(GivenToken, only.Header("X-Auth-Token"));
    }
}
