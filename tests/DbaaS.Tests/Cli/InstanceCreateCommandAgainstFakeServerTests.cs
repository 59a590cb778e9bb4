using System.Net;

namespace DbaaS.Tests.Cli;

public class InstanceCreateCommandAgainstFakeServerTests
{
    private static readonly string[] MinimalCreate = ["instance", "create", "app-db", "--flavor", "2", "--size", "5", "--datastore", "mariadb"];

    [Fact]
    public async Task Create_posts_trove_create_body_with_databases_and_users()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server,
            [.. MinimalCreate, "--datastore-version", "10.11", "--database", "app", "--database", "audit",
             "--user", "app:S3cret@app", "--user", "ops:pa:ss:word@app,audit", "-f", "json"]);

        Assert.Equal(0, result.ExitCode);
        var create = Assert.Single(server.RequestsAfterLogin);
        Assert.Equal("POST " + FakeDbaaSServer.Database("instances"), create.ToString());
        JsonAssert.Equal("""
            {"instance":{
              "name":"app-db","flavorRef":"2","volume":{"size":5},
              "datastore":{"type":"mariadb","version":"10.11"},
              "databases":[{"name":"app"},{"name":"audit"}],
              "users":[
                {"name":"app","password":"S3cret","databases":[{"name":"app"}]},
                {"name":"ops","password":"pa:ss:word","databases":[{"name":"app"},{"name":"audit"}]}
              ]}}
            """, create.Json);
        var created = server.Instances.Single("app-db");
        JsonAssert.Equal(created.ShowView().ToJsonString(), result.Stdout);
    }

    [Fact]
    public async Task Create_without_optional_flags_sends_only_what_was_given()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, MinimalCreate);

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal("""
            {"instance":{"name":"app-db","flavorRef":"2","volume":{"size":5},"datastore":{"type":"mariadb"}}}
            """, server.RequestsAfterLogin.Single().Json);
        Assert.Contains("| status ", result.Stdout);
        Assert.Contains("| BUILD ", result.Stdout);
        Assert.Contains("| datastore.type ", result.Stdout);
    }

    [Theory]
    [InlineData("app:p@ss@", "p@ss", new string[0])]
    [InlineData("app:secret", "secret", new string[0])]
    [InlineData("app:a:b@c@db1", "a:b@c", new[] { "db1" })]
    public async Task User_splits_at_the_first_colon_and_the_last_at(string user, string password, string[] databases)
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, [.. MinimalCreate, "--user", user]);

        Assert.Equal(0, result.ExitCode);
        var sent = server.RequestsAfterLogin.Single().Json!["instance"]!["users"]![0]!;
        Assert.Equal("app", sent["name"]!.GetValue<string>());
        Assert.Equal(password, sent["password"]!.GetValue<string>());
        Assert.Equal(databases, sent["databases"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("appS3cretpw", "--user takes NAME:PASSWORD[@DB1,DB2]; one value has no ':' between the name and the password.")]
    [InlineData(":S3cretpw@app", "--user takes NAME:PASSWORD[@DB1,DB2]; one value has an empty name before the ':'.")]
    [InlineData("app:@app", "--user 'app' has an empty password.")]
    [InlineData("app:S3cretpw@app,,audit", "--user 'app' names an empty database in the list after '@'.")]
    public async Task Bad_user_syntax_is_a_usage_error_that_sends_nothing_and_never_echoes_the_password(string user, string problem)
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, [.. MinimalCreate, "--user", user]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
        Assert.Contains(problem, result.Stderr);
        Assert.DoesNotContain("S3cretpw", result.Stderr);
    }

    [Fact]
    public async Task A_missing_required_flag_is_a_usage_error_before_any_request()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, "instance", "create", "app-db", "--flavor", "2", "--datastore", "mariadb");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--size", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_refused_create_prints_the_trove_fault()
    {
        var server = new FakeDbaaSServer().AnswerFault(HttpMethod.Post, FakeDbaaSServer.Database("instances"),
            HttpStatusCode.RequestEntityTooLarge, "overLimit", "Quota exceeded for resources: ['volumes'].");

        var result = await DbaaSCli.RunAsync(server, MinimalCreate);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: Quota exceeded for resources: ['volumes']. (HTTP 413)", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Wait_prints_each_status_change_once_then_shows_the_ready_instance_with_its_address()
    {
        var server = new FakeDbaaSServer();
        server.Instances.PollsToSettle = 3;
        var clock = new FakeClock();

        var result = await DbaaSCli.RunAsync(server, clock, [.. MinimalCreate, "--wait"]);

        Assert.Equal(0, result.ExitCode);
        var id = server.Instances.Single("app-db").Id;
        Assert.Equal(
            [
                $"Waiting up to 600 s until instance 'app-db' ({id}) is ACTIVE.",
                "12:00:00  +0.0s  BUILD (NEW)",
                "12:00:01  +1.5s  ACTIVE (HEALTHY)",
            ],
            result.StderrLines);
        // Four polls every 0.5 s: three still building, the fourth sees it done.
        Assert.Equal(4, server.RequestsAfterLogin.Count(r => r.Method == HttpMethod.Get));
        Assert.Equal(TimeSpan.FromSeconds(1.5), clock.Elapsed);
        Assert.Contains("| hostname ", result.Stdout);
        Assert.Contains("| 127.0.0.1 ", result.Stdout);
        Assert.Contains("| port ", result.Stdout);
        Assert.Contains("| 33061 ", result.Stdout);
        Assert.Contains("| ACTIVE ", result.Stdout);
    }

    [Fact]
    public async Task Wait_keeps_stdout_clean_json_with_progress_on_stderr()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, [.. MinimalCreate, "--wait", "-f", "json"]);

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal(server.Instances.Single("app-db").ShowView().ToJsonString(), result.Stdout);
        Assert.Contains("  ACTIVE (HEALTHY)", result.Stderr);
    }

    [Fact]
    public async Task Wait_on_a_build_that_fails_exits_1_with_the_fault()
    {
        var server = new FakeDbaaSServer();
        server.Instances.BuildFault = "No valid host was found: not enough disk for a 5 GB volume.";

        var result = await DbaaSCli.RunAsync(server, [.. MinimalCreate, "--wait"]);

        Assert.Equal(1, result.ExitCode);
        var id = server.Instances.Single("app-db").Id;
        Assert.Equal(
            [
                $"Waiting up to 600 s until instance 'app-db' ({id}) is ACTIVE.",
                "12:00:00  +0.0s  BUILD (NEW)",
                "12:00:01  +1.0s  ERROR",
                $"ERROR: Instance 'app-db' ({id}) went to ERROR: No valid host was found: not enough disk for a 5 GB volume.",
            ],
            result.StderrLines);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Wait_gives_up_at_the_timeout_and_says_the_service_carries_on()
    {
        var server = new FakeDbaaSServer();
        server.Instances.PollsToSettle = int.MaxValue;
        var clock = new FakeClock();

        var result = await DbaaSCli.RunAsync(server, clock, [.. MinimalCreate, "--wait", "--wait-timeout", "2"]);

        Assert.Equal(1, result.ExitCode);
        var id = server.Instances.Single("app-db").Id;
        Assert.Equal(
            [
                $"Waiting up to 2 s until instance 'app-db' ({id}) is ACTIVE.",
                "12:00:00  +0.0s  BUILD (NEW)",
                $"ERROR: Instance 'app-db' ({id}) is still BUILD after 2 s; stopped waiting (the service carries on). See 'dbaas instance show {id}'.",
            ],
            result.StderrLines);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.Elapsed);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Wait_timeout_defaults_to_600_seconds()
    {
        var server = new FakeDbaaSServer();
        server.Instances.PollsToSettle = int.MaxValue;
        var clock = new FakeClock();

        var result = await DbaaSCli.RunAsync(server, clock, [.. MinimalCreate, "--wait"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(600), clock.Elapsed);
        Assert.Contains("is still BUILD after 600 s", result.Stderr);
    }

    [Fact]
    public async Task Wait_timeout_must_be_positive()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, [.. MinimalCreate, "--wait", "--wait-timeout", "0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--wait-timeout must be a positive number of seconds.", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Wait_with_the_system_clock_really_polls()
    {
        var server = new FakeDbaaSServer();
        server.Instances.PollsToSettle = 1;

        var result = await DbaaSCli.RunAsync(server, TimeProvider.System, [.. MinimalCreate, "--wait", "-f", "value", "-c", "status"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["ACTIVE"], result.StdoutLines);
        Assert.Equal(2, server.RequestsAfterLogin.Count(r => r.Method == HttpMethod.Get));
    }
}
