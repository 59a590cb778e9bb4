namespace DbaaS.Tests.Cli;

public class HelpTests
{
    [Fact]
    public async Task Root_help_lists_every_command_and_the_credential_flags_without_calling_anything()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "flavor", "datastore", "limit", "quota", "identity", "instance", "database", "user", "root", "mgmt" })
        {
            Assert.Contains($"  {command} ", result.Stdout);
        }
        // The old spelling still runs (see ProjectCommandsAgainstFakeServerTests) but is no longer advertised.
        Assert.DoesNotContain("  project ", result.Stdout);
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

    [Theory]
    [InlineData("identity", "project", "user")]
    [InlineData("database", "create", "list", "delete")]
    [InlineData("user", "create", "list", "show", "delete", "update", "grant-access", "revoke-access", "show-access")]
    [InlineData("root", "enable", "show", "disable")]
    [InlineData("mgmt", "instance", "root")]
    public async Task Group_help_lists_its_subcommands(string group, params string[] subcommands)
    {
        var result = await DbaaSCli.RunAsync(new FakeDbaaSServer(), group, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var subcommand in subcommands)
        {
            Assert.Contains($"  {subcommand} ", result.Stdout);
        }
    }

    [Theory]
    [InlineData(" database create <instance> <name> [options]", "--character-set <charset>", "--collate <collation>")]
    [InlineData(" database list <instance> [options]", "--marker <name>", "--all")]
    [InlineData(" user create <instance> <name> [<password>] [options]", "--password-stdin", "--databases <db1,db2>", "--host <host>")]
    [InlineData(" user list <instance> [options]", "--marker <name@host>", "--limit <count>")]
    [InlineData(" user update <instance> <name> [options]", "--new-name <name>", "--new-host <host>", "--new-password-stdin")]
    [InlineData(" user grant-access <instance> <name> <databases>... [options]", "--host <host>")]
    [InlineData(" user revoke-access <instance> <name> <database> [options]", "--host <host>")]
    [InlineData(" root enable <instance> [options]", "--password <password>", "--password-stdin")]
    [InlineData(" mgmt root show <id> [options]", "-f, --format <table|json|value>")]
    [InlineData(" identity user create <name> [options]", "--password-stdin", "--project <project>")]
    public async Task Access_command_help_shows_its_usage_and_options(string usage, params string[] options)
    {
        var args = usage.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(word => !word.StartsWith('<') && !word.StartsWith('[')).ToList();

        var result = await DbaaSCli.RunAsync(new FakeDbaaSServer(), [.. args, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(usage, result.Stdout);
        foreach (var option in options)
        {
            Assert.Contains(option, result.Stdout);
        }
        Assert.DoesNotContain("--os-", result.Stdout);
    }
}
