using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

public class ParameterCommandsAgainstFakeServerTests
{
    private const string VersionId = "b3d5c099-dbd5-4518-baa3-7c7c195671bf";

    private const string Parameters = $$"""
        {"configuration-parameters":[
          {"datastore_version_id":"{{VersionId}}","name":"autocommit","type":"integer","min":0,"max":1,"restart_required":false,
           "dynamic":true,"default":1,"allowed_values":null,"unit":null,"description":"Commit after every statement"},
          {"datastore_version_id":"{{VersionId}}","name":"innodb_buffer_pool_size","type":"integer","min":0,"max":68719476736,
           "restart_required":true,"dynamic":false,"default":134217728,"allowed_values":null,"unit":"bytes","description":"InnoDB cache"}
        ]}
        """;

    private const string WaitTimeout = $$"""
        {"datastore_version_id":"{{VersionId}}","name":"wait_timeout","type":"integer","min":1,"max":31536000,
         "restart_required":false,"dynamic":true,"default":28800,"allowed_values":null,"unit":"seconds",
         "description":"Seconds the server waits on an idle connection [before closing it]"}
        """;

    [Fact]
    public async Task List_with_a_datastore_uses_the_named_route_and_prints_troveclient_columns()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores/mysql/versions/5.7/parameters"), Parameters);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "parameter", "list", "5.7", "--datastore", "mysql");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| Name                    | Type    | Min Size | Max Size    | Restart Required |", result.Stdout);
        Assert.Contains("| innodb_buffer_pool_size | integer | 0        | 68719476736 | True             |", result.Stdout);
    }

    [Fact]
    public async Task List_without_a_datastore_uses_the_version_id_route()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database($"datastores/versions/{VersionId}/parameters"), Parameters);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "parameter", "list", VersionId, "-f", "value", "-c", "name");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["autocommit", "innodb_buffer_pool_size"], result.StdoutLines);
    }

    [Fact]
    public async Task List_as_json_keeps_our_extension_fields()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores/mysql/versions/5.7/parameters"), Parameters);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "parameter", "list", "5.7", "--datastore", "mysql", "-f", "json");

        JsonAssert.Equal(JsonNode.Parse(Parameters)!["configuration-parameters"]!.ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Show_gets_one_unwrapped_parameter_and_prints_every_field()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("datastores/mysql/versions/5.7/parameters/wait_timeout"), WaitTimeout);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "parameter", "show", "5.7", "wait_timeout", "--datastore", "mysql");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| unit                 | seconds ", result.Stdout);
        Assert.Contains("| dynamic              | True ", result.Stdout);
        Assert.Contains("| description          | Seconds the server waits on an idle connection [before closing it] |", result.Stdout);
    }

    [Fact]
    public async Task Show_without_a_datastore_uses_the_version_id_route()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database($"datastores/versions/{VersionId}/parameters/wait_timeout"), WaitTimeout);

        var result = await DbaaSCli.RunAsync(server, "datastore", "version", "parameter", "show", VersionId, "wait_timeout", "-f", "value", "-c", "max");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["31536000"], result.StdoutLines);
    }
}
