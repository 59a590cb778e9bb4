namespace DbaaS.Tests.Cli;

public class DatastoreCommandsAgainstFakeServerTests
{
    private const string MysqlId = "3bf89e46-c3ed-4db6-a423-6e6709ec21ef";
    private const string Mysql57Id = "b3d5c099-dbd5-4518-baa3-7c7c195671bf";
    private const string Mysql80Id = "c1f0a2de-0f3b-4a50-9d43-2c1f0e1a8b80";

    private const string Datastores = $$$"""
        {"datastores":[
          {"id":"{{{MysqlId}}}","name":"mysql","default_version":"{{{Mysql80Id}}}","links":[],
           "versions":[{"id":"{{{Mysql57Id}}}","name":"5.7","links":[]},{"id":"{{{Mysql80Id}}}","name":"8.0","links":[]}]},
          {"id":"cc9ee471-e781-43bf-a796-423c5d549997","name":"postgresql","links":[],"versions":[]}
        ]}
        """;

    private const string MysqlDatastore = $$$"""
        {"datastore":{"id":"{{{MysqlId}}}","name":"mysql","default_version":"{{{Mysql80Id}}}","links":[{"href":"x","rel":"self"}],
          "versions":[{"id":"{{{Mysql57Id}}}","name":"5.7","links":[]},{"id":"{{{Mysql80Id}}}","name":"8.0","links":[]}]}}
        """;

    private const string Version57 = $$$"""
        {"version":{"id":"{{{Mysql57Id}}}","name":"5.7","version":"5.7.29","datastore":"{{{MysqlId}}}","active":true,
                    "packages":"","image":null,"links":[],"capabilities":["backup","replication"]}}
        """;

    [Fact]
    public async Task List_gets_datastores_and_prints_id_and_name()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores"), Datastores);

        var result = await DbaaSCli.RunAsync(server, "datastore", "list", "-f", "value");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"{MysqlId} mysql", "cc9ee471-e781-43bf-a796-423c5d549997 postgresql"], result.StdoutLines);
    }

    [Fact]
    public async Task Show_gets_the_datastore_by_name_and_lists_versions_as_name_and_id()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores/mysql"), MysqlDatastore);

        var result = await DbaaSCli.RunAsync(server, "datastore", "show", "mysql");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| default_version | 8.0 ", result.Stdout);
        Assert.Contains($"| versions (id)   | 5.7 ({Mysql57Id})", result.Stdout);
        Assert.Contains($"|                 | 8.0 ({Mysql80Id})", result.Stdout);
        Assert.DoesNotContain("links", result.Stdout);
    }

    [Fact]
    public async Task Show_as_json_keeps_the_api_shape()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores/mysql"), MysqlDatastore);

        var result = await DbaaSCli.RunAsync(server, "datastore", "show", "mysql", "-f", "json");

        JsonAssert.Equal(MysqlDatastore, $$"""{"datastore":{{result.Stdout}}}""");
    }

    [Fact]
    public async Task Version_list_gets_the_versions_of_the_datastore()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores/mysql/versions"), $$"""
            {"versions":[{"id":"{{Mysql57Id}}","name":"5.7","datastore":"{{MysqlId}}","version":"5.7.29","links":[]}]}
            """);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "list", "mysql");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| ID ", result.Stdout);
        Assert.Contains($"| {Mysql57Id} | 5.7  |", result.Stdout);
    }

    [Fact]
    public async Task Version_show_with_a_datastore_uses_the_named_route_and_prints_extra_fields()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores/mysql/versions/5.7"), Version57);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "show", "5.7", "--datastore", "mysql");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| capabilities | backup, replication ", result.Stdout);
        Assert.Contains("| active       | True ", result.Stdout);
        Assert.Contains("| image        | None ", result.Stdout);
    }

    [Fact]
    public async Task Version_show_without_a_datastore_uses_the_version_id_route()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database($"datastores/versions/{Mysql57Id}"), Version57);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "show", Mysql57Id, "-f", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("5.7.29", (string?)System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!["version"]);
    }
}
