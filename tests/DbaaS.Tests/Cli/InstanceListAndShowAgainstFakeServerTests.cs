using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

public class InstanceListAndShowAgainstFakeServerTests
{
    private static FakeDbaaSServer ServerWithThree(int pageSize = 20)
    {
        var server = new FakeDbaaSServer();
        server.Instances.PageSize = pageSize;
        server.Instances.Add("alpha");
        server.Instances.Add("beta", i =>
        {
            i.Status = "ERROR";
            i.OperatingStatus = "";
            i.FaultMessage = "Guest agent did not report within 600 seconds.";
            i.Hostname = null;
            i.Port = null;
        });
        server.Instances.Add("gamma", i => { i.Datastore = "postgresql"; i.Version = "15"; i.FlavorId = "3"; i.VolumeSize = 10; i.Hostname = "::1"; i.Port = 5432; });
        return server;
    }

    private static string Id(FakeDbaaSServer server, string name) => server.Instances.Single(name).Id;

    [Fact]
    public async Task List_prints_the_instance_columns()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("GET " + FakeDbaaSServer.Database("instances"), server.RequestsAfterLogin.Single().ToString());
        Assert.Equal(
            "| ID                                   | Name  | Datastore  | Version | Status | Operating status | Flavor | Size | Host:Port      |",
            result.StdoutLines[1]);
        Assert.Equal(
            $"| {Id(server, "alpha")} | alpha | mariadb    | 10.11   | ACTIVE | HEALTHY          | 1      | 1    | 127.0.0.1:3306 |",
            result.StdoutLines[3]);
    }

    [Fact]
    public async Task List_as_values_shows_host_and_port_and_brackets_ipv6()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "list", "-f", "value");

        Assert.Equal(
            [
                $"{Id(server, "alpha")} alpha mariadb 10.11 ACTIVE HEALTHY 1 1 127.0.0.1:3306",
                $"{Id(server, "beta")} beta mariadb 10.11 ERROR  1 1 None",
                $"{Id(server, "gamma")} gamma postgresql 15 ACTIVE HEALTHY 3 10 [::1]:5432",
            ],
            result.StdoutLines);
    }

    [Fact]
    public async Task List_as_json_is_the_api_objects()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "list", "-f", "json");

        JsonAssert.Equal(new JsonArray([.. server.Instances.All.Select(i => (JsonNode)i.ListView())]).ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task List_shows_one_page_and_says_how_to_get_the_next()
    {
        var server = ServerWithThree(pageSize: 2);

        var result = await DbaaSCli.RunAsync(server, "instance", "list", "-f", "value", "-c", "name");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["alpha", "beta"], result.StdoutLines);
        Assert.Equal($"More instances follow: add --marker {Id(server, "beta")}, or --all for every page.", result.Stderr.Trim());
        Assert.Single(server.RequestsAfterLogin);
    }

    [Fact]
    public async Task List_passes_limit_and_marker()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "list", "--limit", "1", "--marker", Id(server, "alpha"), "-f", "value", "-c", "name");

        Assert.Equal(["beta"], result.StdoutLines);
        Assert.Equal(FakeDbaaSServer.Database($"instances?limit=1&marker={Id(server, "alpha")}"), server.RequestsAfterLogin.Single().Url.AbsoluteUri);
    }

    [Fact]
    public async Task List_all_follows_the_next_links_on_its_own_endpoint()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "list", "--all", "--limit", "1", "-f", "value", "-c", "name");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["alpha", "beta", "gamma"], result.StdoutLines);
        Assert.Empty(result.Stderr);
        // The fake's next links name https://127.0.0.1:8779; only their marker is used.
        Assert.Equal(
            [
                FakeDbaaSServer.Database("instances?limit=1"),
                FakeDbaaSServer.Database($"instances?limit=1&marker={Id(server, "alpha")}"),
                FakeDbaaSServer.Database($"instances?limit=1&marker={Id(server, "beta")}"),
            ],
            server.RequestsAfterLogin.Select(r => r.Url.AbsoluteUri));
    }

    [Fact]
    public async Task List_all_stops_when_the_server_repeats_a_marker()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("instances?marker=m1"), """
            {"instances":[{"id":"i-2","name":"b"}],"instances_links":[{"rel":"next","href":"https://elsewhere/v1.0/p/instances?marker=m1"}]}
            """).Answer(HttpMethod.Get, FakeDbaaSServer.Database("instances"), """
            {"instances":[{"id":"i-1","name":"a"}],"instances_links":[{"rel":"next","href":"https://elsewhere/v1.0/p/instances?marker=m1"}]}
            """);

        var result = await DbaaSCli.RunAsync(server, "instance", "list", "--all");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: The server's next links repeat the marker 'm1'; stopped following them.", result.Stderr.Trim());
    }

    [Fact]
    public async Task List_rejects_a_limit_below_one()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "list", "--limit", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit must be a positive number.", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Show_by_id_lifts_nested_fields_and_shows_the_fault()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "show", Id(server, "beta"));

        Assert.Equal(0, result.ExitCode);
        Assert.Single(server.RequestsAfterLogin);
        Assert.Contains("| fault.message          | Guest agent did not report within 600 seconds. |", result.Stdout);
        Assert.Contains("| datastore.type         | mariadb ", result.Stdout);
        Assert.Contains("| volume.used            | 0.12 ", result.Stdout);
        Assert.Contains("| status                 | ERROR ", result.Stdout);
        Assert.DoesNotContain("links", result.Stdout);
        Assert.DoesNotContain("href", result.Stdout);
    }

    [Fact]
    public async Task Show_as_json_is_the_api_object()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "show", Id(server, "gamma"), "-f", "json");

        JsonAssert.Equal(server.Instances.Single("gamma").ShowView().ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Show_as_values_picks_lifted_fields()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "show", Id(server, "gamma"), "-f", "value", "-c", "hostname", "-c", "port", "-c", "volume.size");

        Assert.Equal(["::1", "5432", "10"], result.StdoutLines);
    }

    [Fact]
    public async Task Show_by_name_resolves_through_the_list_then_gets_the_full_view()
    {
        var server = ServerWithThree(pageSize: 2);

        var result = await DbaaSCli.RunAsync(server, "instance", "show", "gamma", "-f", "value", "-c", "name", "-c", "volume.used");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["gamma", "0.12"], result.StdoutLines);
        Assert.Equal(
            [
                FakeDbaaSServer.Database("instances/gamma"),
                FakeDbaaSServer.Database("instances"),
                FakeDbaaSServer.Database($"instances?marker={Id(server, "beta")}"),
                FakeDbaaSServer.Database($"instances/{Id(server, "gamma")}"),
            ],
            server.RequestsAfterLogin.Select(r => r.Url.AbsoluteUri));
    }

    [Fact]
    public async Task Show_of_a_name_two_instances_share_asks_for_the_id()
    {
        var server = ServerWithThree();
        server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "show", "alpha");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: More than one instance is named 'alpha'; use its ID instead.", result.Stderr.Trim());
    }

    [Fact]
    public async Task Show_of_an_unknown_instance_says_so()
    {
        var server = ServerWithThree();

        var result = await DbaaSCli.RunAsync(server, "instance", "show", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: No instance with a name or ID of 'nope' exists.", result.Stderr.Trim());
    }
}
