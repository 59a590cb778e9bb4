using System.Net;

namespace DbaaS.Tests.Cli;

public class FlavorCommandsAgainstFakeServerTests
{
    private const string Flavors = """
        {"flavors":[
          {"id":1,"str_id":"1","name":"m1.tiny","ram":512,"vcpus":1,"disk":5,"ephemeral":0,
           "links":[{"href":"http://dbaas.test:8779/v1.0/p/flavors/1","rel":"self"}]},
          {"id":null,"str_id":"db.large","name":"db.large","ram":8192,"vcpus":4,"disk":80,"ephemeral":0,"links":[]}
        ]}
        """;

    private const string TinyFlavor = """
        {"flavor":{"id":1,"str_id":"1","name":"m1.tiny","ram":512,"vcpus":1,"disk":5,"ephemeral":0,
                   "links":[{"href":"http://dbaas.test:8779/v1.0/p/flavors/1","rel":"self"}]}}
        """;

    [Fact]
    public async Task List_gets_flavors_and_prints_the_openstack_columns()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), Flavors);

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(HttpMethod.Get, server.RequestsAfterLogin.Single().Method);
        Assert.Contains("| ID       | Name     | RAM  | vCPUs | Disk | Ephemeral |", result.Stdout);
        Assert.Contains("| 1        | m1.tiny  | 512  | 1     | 5    | 0         |", result.Stdout);
    }

    [Fact]
    public async Task List_shows_str_id_when_a_flavor_has_no_numeric_id()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), Flavors);

        var result = await DbaaSCli.RunAsync(server, "flavor", "list", "-f", "value");

        Assert.Equal(["1 m1.tiny 512 1 5 0", "db.large db.large 8192 4 80 0"], result.StdoutLines);
    }

    [Fact]
    public async Task Show_by_id_gets_that_flavor_and_prints_sorted_fields_without_links()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors/1"), TinyFlavor);

        var result = await DbaaSCli.RunAsync(server, "flavor", "show", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(server.RequestsAfterLogin);
        var fieldOrder = new[] { "| disk ", "| ephemeral ", "| id ", "| name ", "| ram ", "| str_id ", "| vcpus " }
            .Select(field => result.Stdout.IndexOf(field, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, fieldOrder);
        Assert.Equal(fieldOrder.Order(), fieldOrder);
        Assert.DoesNotContain("links", result.Stdout);
    }

    [Fact]
    public async Task Show_by_name_falls_back_to_matching_the_list()
    {
        var server = new FakeDbaaSServer()
            .AnswerFault(HttpMethod.Get, FakeDbaaSServer.Database("flavors/m1.tiny"), HttpStatusCode.NotFound, "itemNotFound", "Flavor m1.tiny not found")
            .Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), Flavors);

        var result = await DbaaSCli.RunAsync(server, "flavor", "show", "m1.tiny", "-f", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [FakeDbaaSServer.Database("flavors/m1.tiny"), FakeDbaaSServer.Database("flavors")],
            server.RequestsAfterLogin.Select(r => r.Url.AbsoluteUri));
        JsonAssert.Equal("""
            {"id":1,"str_id":"1","name":"m1.tiny","ram":512,"vcpus":1,"disk":5,"ephemeral":0,
             "links":[{"href":"http://dbaas.test:8779/v1.0/p/flavors/1","rel":"self"}]}
            """, result.Stdout);
    }

    [Fact]
    public async Task Show_of_an_unknown_name_says_so_and_exits_1()
    {
        var server = new FakeDbaaSServer()
            .AnswerFault(HttpMethod.Get, FakeDbaaSServer.Database("flavors/huge"), HttpStatusCode.NotFound, "itemNotFound", "Flavor huge not found")
            .Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), Flavors);

        var result = await DbaaSCli.RunAsync(server, "flavor", "show", "huge");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: No flavor with a name or ID of 'huge' exists.", result.Stderr.Trim());
    }

    [Fact]
    public async Task Show_escapes_the_id_in_the_route()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors/a%2Fb"), TinyFlavor);

        var result = await DbaaSCli.RunAsync(server, "flavor", "show", "a/b");

        Assert.Equal(0, result.ExitCode);
    }
}
