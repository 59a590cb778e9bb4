using System.Net;

namespace DbaaS.Tests.Cli;

public class ProjectCommandsAgainstFakeServerTests
{
    [Fact]
    public async Task Create_posts_to_keystone_projects_in_the_default_domain()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Post, FakeDbaaSServer.Identity("projects"), HttpStatusCode.Created, """
            {"project":{"id":"p-42","name":"analytics","description":"Reporting team","domain_id":"default","enabled":true}}
            """);

        var result = await DbaaSCli.RunAsync(server, "identity", "project", "create", "analytics", "--description", "Reporting team");

        Assert.Equal(0, result.ExitCode);
        var post = server.RequestsAfterLogin.Single();
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal(FakeDbaaSServer.IssuedToken, post.Header("X-Auth-Token"));
        JsonAssert.Equal("""{"project":{"name":"analytics","description":"Reporting team","domain_id":"default"}}""", post.Json);
        Assert.Contains("| id          | p-42 ", result.Stdout);
        Assert.Contains("| enabled     | True ", result.Stdout);
    }

    [Fact]
    public async Task Create_without_a_description_leaves_it_out()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Post, FakeDbaaSServer.Identity("projects"), HttpStatusCode.Created, """
            {"project":{"id":"p-43","name":"scratch","description":"","domain_id":"default","enabled":true}}
            """);

        await DbaaSCli.RunAsync(server, "identity", "project", "create", "scratch");

        JsonAssert.Equal("""{"project":{"name":"scratch","domain_id":"default"}}""", server.RequestsAfterLogin.Single().Json);
    }

    [Fact]
    public async Task List_gets_keystone_projects()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Identity("projects"), """
            {"projects":[{"id":"p-1","name":"admin","domain_id":"default","enabled":true},
                         {"id":"p-2","name":"demo","domain_id":"default","enabled":true}]}
            """);

        var result = await DbaaSCli.RunAsync(server, "identity", "project", "list", "-f", "value");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["p-1 admin", "p-2 demo"], result.StdoutLines);
    }

    [Fact]
    public async Task The_old_spelling_without_identity_still_works_for_scripts()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Identity("projects"), """
            {"projects":[{"id":"p-1","name":"admin","domain_id":"default","enabled":true}]}
            """);

        var result = await DbaaSCli.RunAsync(server, "project", "list", "-f", "value");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["p-1 admin"], result.StdoutLines);
    }
}
