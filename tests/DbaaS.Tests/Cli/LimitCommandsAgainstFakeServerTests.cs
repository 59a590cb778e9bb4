namespace DbaaS.Tests.Cli;

public class LimitCommandsAgainstFakeServerTests
{
    private const string Limits = """
        {"limits":[
          {"max_backups":50,"max_instances":10,"max_volumes":40,"verb":"ABSOLUTE"},
          {"nextAvailable":"2019-12-23T22:38:41Z","regex":".*","remaining":199,"unit":"MINUTE","uri":"*","value":200,"verb":"POST"},
          {"nextAvailable":"2019-12-24T03:42:19Z","regex":"^/mgmt","remaining":200,"unit":"MINUTE","uri":"*/mgmt","value":200,"verb":"POST"}
        ]}
        """;

    private static FakeDbaaSServer Server() => new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("limits"), Limits);

    [Fact]
    public async Task List_prints_absolute_limits_and_rate_limits_as_two_tables()
    {
        var result = await DbaaSCli.RunAsync(Server(), "limit", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Absolute limits", result.Stdout);
        Assert.Contains("| max_instances | 10 ", result.Stdout);
        Assert.Contains("Rate limits", result.Stdout);
        Assert.Contains("| Value | Verb | URI    | Remaining | Unit   |", result.Stdout);
        Assert.Contains("| 200   | POST | */mgmt | 200       | MINUTE |", result.Stdout);
        Assert.DoesNotContain("ABSOLUTE", result.Stdout);
    }

    [Fact]
    public async Task List_as_json_is_the_api_list()
    {
        var result = await DbaaSCli.RunAsync(Server(), "limit", "list", "-f", "json");

        JsonAssert.Equal(System.Text.Json.Nodes.JsonNode.Parse(Limits)!["limits"]!.ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task List_as_values_prints_absolute_values_then_one_line_per_rate_limit()
    {
        var result = await DbaaSCli.RunAsync(Server(), "limit", "list", "-f", "value");

        Assert.Equal(["50", "10", "40", "200 POST * 199 MINUTE", "200 POST */mgmt 200 MINUTE"], result.StdoutLines);
    }
}
