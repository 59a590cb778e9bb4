using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

/// <summary>-f table|json|value and -c, shown on flavors but shared by every command.</summary>
public class OutputFormatsAgainstFakeServerTests
{
    private const string Flavors = """
        {"flavors":[
          {"id":1,"str_id":"1","name":"m1.tiny","ram":512,"vcpus":1,"disk":5,"ephemeral":0,"links":[{"href":"h","rel":"self"}]},
          {"id":2,"str_id":"2","name":"m1.small","ram":2048,"vcpus":1,"disk":20,"ephemeral":0,"links":[]}
        ]}
        """;

    private const string Flavor = """
        {"flavor":{"id":2,"str_id":"2","name":"m1.small","ram":2048,"vcpus":1,"disk":20,"ephemeral":0,"links":[]}}
        """;

    private static FakeDbaaSServer Server() => new FakeDbaaSServer()
        .Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), Flavors)
        .Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors/2"), Flavor);

    [Fact]
    public async Task Table_is_plain_ascii_when_stdout_is_not_a_terminal_even_with_TERM_xterm()
    {
        var environment = DbaaSCli.PasswordEnvironment();
        environment["TERM"] = "xterm-256color";

        var result = await DbaaSCli.RunAsync(Server(), environment, "flavor", "list");

        Assert.Equal(
            [
                "+----+----------+------+-------+------+-----------+",
                "| ID | Name     | RAM  | vCPUs | Disk | Ephemeral |",
                "|----+----------+------+-------+------+-----------|",
                "| 1  | m1.tiny  | 512  | 1     | 5    | 0         |",
                "| 2  | m1.small | 2048 | 1     | 20   | 0         |",
                "+----+----------+------+-------+------+-----------+",
            ],
            result.StdoutLines);
        Assert.DoesNotContain("\u001b", result.Stdout);
    }

    [Fact]
    public async Task Json_list_is_an_array_of_the_api_objects()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "list", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal(JsonNode.Parse(Flavors)!["flavors"]!.ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Json_show_is_one_object()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "show", "2", "-f", "json");

        JsonAssert.Equal(JsonNode.Parse(Flavor)!["flavor"]!.ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Value_list_prints_one_row_per_line_space_separated()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "list", "-f", "value");

        Assert.Equal(["1 m1.tiny 512 1 5 0", "2 m1.small 2048 1 20 0"], result.StdoutLines);
    }

    [Fact]
    public async Task Value_show_prints_one_field_per_line_in_field_order()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "show", "2", "-f", "value");

        // disk, ephemeral, id, name, ram, str_id, vcpus
        Assert.Equal(["20", "0", "2", "m1.small", "2048", "2", "1"], result.StdoutLines);
    }

    [Fact]
    public async Task Columns_can_be_picked_by_header_or_field_in_the_order_given()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "list", "-f", "value", "-c", "Name", "-c", "ram");

        Assert.Equal(["m1.tiny 512", "m1.small 2048"], result.StdoutLines);
    }

    [Fact]
    public async Task Picked_columns_narrow_json_too()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "list", "-f", "json", "-c", "id", "-c", "str_id");

        JsonAssert.Equal("""[{"id":1,"str_id":"1"},{"id":2,"str_id":"2"}]""", result.Stdout);
    }

    [Fact]
    public async Task Show_can_pick_one_field()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "show", "2", "-f", "value", "-c", "name");

        Assert.Equal(["m1.small"], result.StdoutLines);
    }

    [Fact]
    public async Task An_unknown_column_is_a_usage_error()
    {
        var result = await DbaaSCli.RunAsync(Server(), "flavor", "list", "-c", "colour");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("ERROR: No column named 'colour'. Choose from: ID, Name, RAM, vCPUs, Disk, Ephemeral.", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error_before_any_request()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "flavor", "list", "-f", "yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'yaml'", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_empty_list_prints_headers_only()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores"), """{"datastores":[]}""");

        var result = await DbaaSCli.RunAsync(server, "datastore", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| ID | Name |", result.Stdout);
    }
}
