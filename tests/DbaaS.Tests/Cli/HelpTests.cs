namespace DbaaS.Tests.Cli;

public class HelpTests
{
    [Fact]
    public async Task Root_help_lists_every_command_and_the_credential_flags_without_calling_anything()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "flavor", "datastore", "limit", "quota", "project", "user", "instance", "mgmt" })
        {
            Assert.Contains($"  {command} ", result.Stdout);
        }
        Assert.Contains("--os-auth-url <auth-url>", result.Stdout);
        Assert.Contains("[env: OS_TOKEN]", result.Stdout);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Command_help_shows_its_own_options_but_not_the_thirteen_credential_flags()
    {
        var result = await DbaaSCli.RunAsync(new FakeDbaaSServer(), "datastore", "version", "parameter", "list", "--help");

        Assert.Equal(0, result.ExitCode);
        // The usage line starts with the executable name, which is the test host here.
        Assert.Contains(" datastore version parameter list <version> [options]", result.Stdout);
        Assert.Contains("--datastore <datastore>", result.Stdout);
        Assert.Contains("-f, --format <table|json|value>", result.Stdout);
        Assert.DoesNotContain("--os-", result.Stdout);
    }
}
