using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

/// <summary><c>dbaas root enable|show|disable</c> and <c>dbaas mgmt root show</c>.</summary>
public class RootCommandsAgainstFakeServerTests
{
    private const string Chosen = "Ch0sen-Root-Pa55";

    private static FakeDbaaSServer ServerWithShop()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("shop");
        return server;
    }

    private static FakeInstance Shop(FakeDbaaSServer server) => server.Instances.Single("shop");

    private static string RootUrl(FakeDbaaSServer server) => FakeDbaaSServer.Database($"instances/{Shop(server).Id}/root");

    [Fact]
    public async Task Enable_without_a_password_posts_no_body_and_prints_the_generated_one()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "root", "enable", "shop", "-f", "json");

        Assert.Equal(0, result.ExitCode);
        var post = server.RequestsAfterLogin.Last();
        Assert.Equal("POST " + RootUrl(server), post.ToString());
        Assert.Null(post.Body);
        var generated = Shop(server).Access.RootPassword!;
        JsonAssert.Equal(new JsonObject { ["name"] = "root", ["password"] = generated }.ToJsonString(), result.Stdout);
        Assert.True(Shop(server).Access.RootEnabled);
    }

    [Fact]
    public async Task Enable_prints_name_and_password_as_a_table()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "root", "enable", "shop", "--password", Chosen);

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal($$"""{"password":"{{Chosen}}"}""", server.RequestsAfterLogin.Last().Json);
        Assert.Contains($"| name     | root             |", result.Stdout);
        Assert.Contains($"| password | {Chosen} |", result.Stdout);
    }

    [Fact]
    public async Task Enable_reads_a_chosen_password_from_stdin()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunWithStdinAsync(server, Chosen + "\n", "root", "enable", "shop", "--password-stdin", "-f", "value", "-c", "name");

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal($$"""{"password":"{{Chosen}}"}""", server.RequestsAfterLogin.Last().Json);
        Assert.Equal(Chosen, Shop(server).Access.RootPassword);
        Assert.Equal(["root"], result.StdoutLines);
    }

    [Fact]
    public async Task Enable_with_both_password_ways_is_a_usage_error()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunWithStdinAsync(server, Chosen + "\n", "root", "enable", "shop", "--password", Chosen, "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give --password or --password-stdin, not both.", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Show_prints_whether_root_is_enabled()
    {
        var server = ServerWithShop();

        var before = await DbaaSCli.RunAsync(server, "root", "show", "shop");
        Shop(server).Access.RootEnabled = true;
        var after = await DbaaSCli.RunAsync(server, "root", "show", "shop", "-f", "json");

        Assert.Equal(0, before.ExitCode);
        Assert.Equal("GET " + RootUrl(server), server.RequestsAfterLogin.Last().ToString());
        Assert.Contains("| rootEnabled | False |", before.Stdout);
        JsonAssert.Equal("""{"rootEnabled":true}""", after.Stdout);
    }

    [Fact]
    public async Task Disable_deletes_root_and_prints_nothing()
    {
        var server = ServerWithShop();
        await DbaaSCli.RunAsync(server, "root", "enable", "shop");

        var result = await DbaaSCli.RunAsync(server, "root", "disable", "shop");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal("DELETE " + RootUrl(server), server.RequestsAfterLogin.Last().ToString());
        Assert.False(Shop(server).Access.RootEnabled);
    }

    [Fact]
    public async Task Disable_when_root_was_never_enabled_prints_the_servers_reason()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "root", "disable", "shop");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: The root user has never been enabled on this instance. (HTTP 404)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Root_on_an_instance_that_is_not_active_prints_the_422_reason()
    {
        var server = ServerWithShop();
        Shop(server).Status = "REBOOT";

        var result = await DbaaSCli.RunAsync(server, "root", "enable", "shop");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: Instance is not currently available for an action to be performed (REBOOT status was found). (HTTP 422)", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Mgmt_show_says_never_before_root_is_enabled_and_who_and_when_after()
    {
        var server = ServerWithShop();
        var id = Shop(server).Id;

        var never = await DbaaSCli.RunAsync(server, "mgmt", "root", "show", id, "-f", "json");
        await DbaaSCli.RunAsync(server, "root", "enable", "shop");
        var enabled = await DbaaSCli.RunAsync(server, "mgmt", "root", "show", id);

        Assert.Equal(0, never.ExitCode);
        Assert.Contains(server.Requests, r => r.ToString() == "GET " + FakeDbaaSServer.Database($"mgmt/instances/{id}/root"));
        JsonAssert.Equal($$"""{"enabled":"Never","id":"{{id}}","user":"Nobody"}""", never.Stdout);
        Assert.Contains("| enabled | 2026-11-01T12:10:00 ", enabled.Stdout);
        Assert.Contains("| user    | u-alice ", enabled.Stdout);
    }

    [Fact]
    public async Task Mgmt_show_of_an_unknown_id_prints_item_not_found()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "mgmt", "root", "show", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: The resource could not be found. Instance nope not found. (HTTP 404)", result.Stderr.Trim());
    }
}
