using System.Net;

namespace DbaaS.Tests.Cli;

/// <summary>Password login against a fake Keystone: the request it sends and the database endpoint it then picks.</summary>
public class LoginAgainstFakeKeystoneTests
{
    private static FakeDbaaSServer ServerWithFlavorsAt(string databaseUrl) =>
        new FakeDbaaSServer().Answer(HttpMethod.Get, databaseUrl + "/flavors", """{"flavors":[]}""");

    [Fact]
    public async Task Posts_a_keystone_v3_password_login_then_calls_the_public_database_endpoint_with_the_token()
    {
        var server = ServerWithFlavorsAt(FakeDbaaSServer.DatabaseUrl);

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Collection(server.Requests,
            login =>
            {
                Assert.Equal(HttpMethod.Post, login.Method);
                Assert.Equal(FakeDbaaSServer.AuthUrl + "/auth/tokens", login.Url.AbsoluteUri);
                Assert.Null(login.Header("X-Auth-Token"));
                JsonAssert.Equal("""
                    {"auth":{
                      "identity":{"methods":["password"],
                                  "password":{"user":{"name":"alice","domain":{"name":"Default"},"password":"s3cret"}}},
                      "scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}
                    """, login.Json);
            },
            flavors =>
            {
                Assert.Equal(HttpMethod.Get, flavors.Method);
                Assert.Equal(FakeDbaaSServer.Database("flavors"), flavors.Url.AbsoluteUri);
                Assert.Equal(FakeDbaaSServer.IssuedToken, flavors.Header("X-Auth-Token"));
            });
    }

    [Fact]
    public async Task Domains_default_to_the_name_Default_when_not_given()
    {
        var server = ServerWithFlavorsAt(FakeDbaaSServer.DatabaseUrl);
        var environment = DbaaSCli.PasswordEnvironment();
        environment.Remove("OS_USER_DOMAIN_NAME");
        environment.Remove("OS_PROJECT_DOMAIN_NAME");

        await DbaaSCli.RunAsync(server, environment, "flavor", "list");

        var login = server.Requests[0].Json!;
        Assert.Equal("Default", (string?)login["auth"]!["identity"]!["password"]!["user"]!["domain"]!["name"]);
        Assert.Equal("Default", (string?)login["auth"]!["scope"]!["project"]!["domain"]!["name"]);
    }

    [Fact]
    public async Task A_project_id_scopes_the_login_by_id_and_domain_ids_are_sent_as_ids()
    {
        var server = ServerWithFlavorsAt(FakeDbaaSServer.DatabaseUrl);
        var environment = DbaaSCli.PasswordEnvironment();
        environment.Remove("OS_PROJECT_NAME");
        environment.Remove("OS_USER_DOMAIN_NAME");
        environment["OS_PROJECT_ID"] = FakeDbaaSServer.ProjectId;
        environment["OS_USER_DOMAIN_ID"] = "default";

        await DbaaSCli.RunAsync(server, environment, "flavor", "list");

        JsonAssert.Equal($$"""
            {"auth":{
              "identity":{"methods":["password"],
                          "password":{"user":{"name":"alice","domain":{"id":"default"},"password":"s3cret"} } },
              "scope":{"project":{"id":"{{FakeDbaaSServer.ProjectId}}"} } } }
            """, server.Requests[0].Json);
    }

    [Theory]
    [InlineData("internal", null, FakeDbaaSServer.InternalDatabaseUrl)]
    [InlineData("internalURL", null, FakeDbaaSServer.InternalDatabaseUrl)]
    [InlineData("public", "RegionTwo", FakeDbaaSServer.RegionTwoDatabaseUrl)]
    [InlineData("public", "RegionOne", FakeDbaaSServer.DatabaseUrl)]
    public async Task Interface_and_region_pick_the_database_endpoint_from_the_catalog(string endpointInterface, string? region, string expectedBase)
    {
        var server = ServerWithFlavorsAt(expectedBase);
        var environment = DbaaSCli.PasswordEnvironment();
        environment["OS_INTERFACE"] = endpointInterface;
        environment["OS_REGION_NAME"] = region;

        var result = await DbaaSCli.RunAsync(server, environment, "flavor", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expectedBase + "/flavors", server.Requests[1].Url.AbsoluteUri);
    }

    [Fact]
    public async Task A_region_the_catalog_lacks_is_reported_with_what_it_offers()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, "flavor", "list", "--os-region-name", "RegionNine");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no 'database' endpoint for interface 'public' in region 'RegionNine'", result.Stderr);
        Assert.Contains("public/RegionTwo", result.Stderr);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Flags_win_over_the_environment_whether_given_before_or_after_the_command()
    {
        var server = ServerWithFlavorsAt(FakeDbaaSServer.DatabaseUrl);

        await DbaaSCli.RunAsync(server, "--os-username", "bob", "flavor", "list", "--os-password", "hunter2");

        var user = server.Requests[0].Json!["auth"]!["identity"]!["password"]!["user"]!;
        Assert.Equal("bob", (string?)user["name"]);
        Assert.Equal("hunter2", (string?)user["password"]);
    }

    [Fact]
    public async Task An_auth_url_without_a_version_gets_v3_appended()
    {
        var server = ServerWithFlavorsAt(FakeDbaaSServer.DatabaseUrl);
        var environment = DbaaSCli.PasswordEnvironment();
        environment["OS_AUTH_URL"] = "http://keystone.test:5000/";

        var result = await DbaaSCli.RunAsync(server, environment, "flavor", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FakeDbaaSServer.AuthUrl + "/auth/tokens", server.Requests[0].Url.AbsoluteUri);
    }

    [Fact]
    public async Task A_refused_login_prints_keystones_message_and_exits_1()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Post, FakeDbaaSServer.Identity("auth/tokens"), HttpStatusCode.Unauthorized,
            """{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}""");

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: The request you have made requires authentication. (HTTP 401)", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_login_answer_without_a_subject_token_is_an_error()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Post, FakeDbaaSServer.Identity("auth/tokens"), HttpStatusCode.Created,
            """{"token":{"catalog":[]}}""");

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("X-Subject-Token", result.Stderr);
    }
}
