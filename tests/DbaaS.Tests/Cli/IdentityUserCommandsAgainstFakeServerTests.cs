using System.Net;

namespace DbaaS.Tests.Cli;

public class IdentityUserCommandsAgainstFakeServerTests
{
    private const string Projects = """
        {"projects":[{"id":"p-1","name":"admin","domain_id":"default","enabled":true},
                     {"id":"p-2","name":"analytics","domain_id":"default","enabled":true}]}
        """;

    private const string CreatedUser = """
        {"user":{"id":"u-7","name":"carol","domain_id":"default","default_project_id":"p-2","enabled":true}}
        """;

    private static FakeDbaaSServer Server(string role = "member") => new FakeDbaaSServer()
        .Answer(HttpMethod.Get, FakeDbaaSServer.Identity("projects"), Projects)
        .Answer(HttpMethod.Post, FakeDbaaSServer.Identity("users"), HttpStatusCode.Created, CreatedUser)
        .Answer(HttpMethod.Put, FakeDbaaSServer.Identity($"projects/p-2/users/u-7/roles/{role}"), HttpStatusCode.NoContent, "");

    [Fact]
    public async Task Create_resolves_the_project_name_creates_the_user_and_grants_member()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "create", "carol", "--password", "pw", "--project", "analytics");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["POST " + FakeDbaaSServer.Identity("auth/tokens"),
             "GET " + FakeDbaaSServer.Identity("projects"),
             "POST " + FakeDbaaSServer.Identity("users"),
             "PUT " + FakeDbaaSServer.Identity("projects/p-2/users/u-7/roles/member")],
            server.Requests.Select(r => r.ToString()));
        JsonAssert.Equal("""
            {"user":{"name":"carol","password":"pw","default_project_id":"p-2","domain_id":"default","enabled":true}}
            """, server.Requests[2].Json);
        Assert.Null(server.Requests[3].Body);
        Assert.All(server.RequestsAfterLogin, r => Assert.Equal(FakeDbaaSServer.IssuedToken, r.Header("X-Auth-Token")));
        Assert.Contains("| id                 | u-7 ", result.Stdout);
    }

    [Fact]
    public async Task Create_accepts_a_project_id_and_another_role()
    {
        var server = Server(role: "admin");

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "create", "carol", "--password", "pw", "--project", "p-2", "--role", "admin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("PUT " + FakeDbaaSServer.Identity("projects/p-2/users/u-7/roles/admin"), server.Requests.Last().ToString());
    }

    [Fact]
    public async Task Create_in_an_unknown_project_creates_nothing()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "create", "carol", "--password", "pw", "--project", "nowhere");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: No project with a name or ID of 'nowhere' exists.", result.Stderr.Trim());
        Assert.DoesNotContain(server.Requests, r => r.Method == HttpMethod.Post && r.Url.AbsolutePath.EndsWith("/users"));
    }

    [Fact]
    public async Task A_refused_role_grant_says_the_user_exists_without_the_role()
    {
        var server = Server().AnswerFault(HttpMethod.Put, FakeDbaaSServer.Identity("projects/p-2/users/u-7/roles/member"),
            HttpStatusCode.Forbidden, "error", "You are not authorized to perform the requested action.");

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "create", "carol", "--password", "pw", "--project", "analytics");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "ERROR: User 'carol' (u-7) was created, but the role 'member' could not be granted: " +
            "You are not authorized to perform the requested action. (HTTP 403)",
            result.Stderr.Trim());
    }

    [Fact]
    public async Task Create_rejects_an_unknown_role_before_calling_anything()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "create", "carol", "--password", "pw", "--project", "p-2", "--role", "owner");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task List_gets_keystone_users()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Identity("users"), """
            {"users":[{"id":"u-1","name":"admin","domain_id":"default","enabled":true}]}
            """);

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| u-1 | admin |", result.Stdout);
    }

    [Fact]
    public async Task Create_reads_the_password_from_stdin_and_does_not_print_it()
    {
        var server = Server();

        var result = await DbaaSCli.RunWithStdinAsync(server, "from-stdin-pw\n",
            "identity", "user", "create", "carol", "--password-stdin", "--project", "analytics");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("from-stdin-pw", server.Requests[2].Json!["user"]!["password"]!.GetValue<string>());
        Assert.DoesNotContain("from-stdin-pw", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Create_without_any_password_is_a_usage_error()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "create", "carol", "--project", "analytics");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give --password, or --password-stdin to read it from standard input.", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_old_user_spelling_now_means_database_users_and_refuses_identity_flags()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "user", "create", "carol", "--password", "pw", "--project", "analytics");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }
}
