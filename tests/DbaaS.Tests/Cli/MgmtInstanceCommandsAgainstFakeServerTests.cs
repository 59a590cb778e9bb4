namespace DbaaS.Tests.Cli;

public class MgmtInstanceCommandsAgainstFakeServerTests
{
    private const string OtherProject = "5e0b7a3c1f2d4e6a8b9c0d1e2f3a4b5c";

    private static FakeDbaaSServer Server()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("alpha");
        server.Instances.Add("theirs", i => i.TenantId = OtherProject);
        server.Instances.Add("gone", i => { i.TenantId = OtherProject; i.Deleted = true; i.Status = "SHUTDOWN"; });
        return server;
    }

    [Fact]
    public async Task List_asks_for_live_instances_of_every_project()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "mgmt", "instance", "list", "-f", "value", "-c", "name", "-c", "Project", "-c", "Server status", "-c", "Task");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FakeDbaaSServer.Database("mgmt/instances?deleted=false"), server.RequestsAfterLogin.Single().Url.AbsoluteUri);
        Assert.Equal(
            [
                $"alpha {FakeDbaaSServer.ProjectId} ACTIVE No tasks for the instance.",
                $"theirs {OtherProject} ACTIVE No tasks for the instance.",
            ],
            result.StdoutLines);
    }

    [Fact]
    public async Task List_table_has_the_mgmt_columns()
    {
        var result = await DbaaSCli.RunAsync(Server(), "mgmt", "instance", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\| ID +\| Name +\| Project +\| Datastore +\| Version +\| Status +\| Operating status +\| Server status +\| Task +\| Deleted +\|$",
            result.StdoutLines[1]);
    }

    [Fact]
    public async Task List_deleted_of_one_project_passes_both_filters()
    {
        var server = Server();

        var result = await DbaaSCli.RunAsync(server, "mgmt", "instance", "list", "--deleted", "--project", OtherProject, "-f", "value", "-c", "name", "-c", "deleted");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FakeDbaaSServer.Database($"mgmt/instances?deleted=true&project_id={OtherProject}"), server.RequestsAfterLogin.Single().Url.AbsoluteUri);
        Assert.Equal(["gone True"], result.StdoutLines);
    }

    [Fact]
    public async Task List_all_follows_pages_and_keeps_the_filters()
    {
        var server = Server();
        server.Instances.PageSize = 1;
        var first = server.Instances.Single("alpha").Id;

        var result = await DbaaSCli.RunAsync(server, "mgmt", "instance", "list", "--all", "-f", "value", "-c", "name");

        Assert.Equal(["alpha", "theirs"], result.StdoutLines);
        Assert.Equal(
            [FakeDbaaSServer.Database("mgmt/instances?deleted=false"), FakeDbaaSServer.Database($"mgmt/instances?deleted=false&marker={first}")],
            server.RequestsAfterLogin.Select(r => r.Url.AbsoluteUri));
    }

    [Fact]
    public async Task Show_prints_server_guest_and_task_detail()
    {
        var server = Server();
        var instance = server.Instances.Single("theirs");

        var result = await DbaaSCli.RunAsync(server, "mgmt", "instance", "show", instance.Id);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("GET " + FakeDbaaSServer.Database($"mgmt/instances/{instance.Id}"), server.RequestsAfterLogin.Single().ToString());
        Assert.Matches(@"\| server\.host +\| node-1 +\|", result.Stdout);
        Assert.Matches(@"\| server\.status +\| ACTIVE +\|", result.Stdout);
        Assert.Matches(@"\| guest_status\.state_description +\| healthy +\|", result.Stdout);
        Assert.Matches(@"\| task_description +\| No tasks for the instance\. +\|", result.Stdout);
        Assert.Matches($@"\| tenant_id +\| {OtherProject} +\|", result.Stdout);
    }

    [Fact]
    public async Task Show_as_json_is_the_api_object()
    {
        var server = Server();
        var instance = server.Instances.Single("alpha");

        var result = await DbaaSCli.RunAsync(server, "mgmt", "instance", "show", instance.Id, "-f", "json");

        JsonAssert.Equal(instance.MgmtView(detailed: true).ToJsonString(), result.Stdout);
    }

    [Theory]
    [InlineData("stop", """{"stop":{}}""", "SHUTDOWN")]
    [InlineData("reboot", """{"reboot":{}}""", "REBOOT")]
    [InlineData("reset-task-status", """{"reset-task-status":{}}""", "ACTIVE")]
    public async Task Actions_post_their_trove_body_to_the_mgmt_route(string action, string body, string statusAfter)
    {
        var server = Server();
        var instance = server.Instances.Single("theirs");

        var result = await DbaaSCli.RunAsync(server, "mgmt", "instance", action, instance.Id);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        var post = server.RequestsAfterLogin.Single();
        Assert.Equal("POST " + FakeDbaaSServer.Database($"mgmt/instances/{instance.Id}/action"), post.ToString());
        JsonAssert.Equal(body, post.Json);
        Assert.Equal(statusAfter, instance.Status);
    }

    [Fact]
    public async Task An_unknown_id_prints_the_trove_fault()
    {
        var result = await DbaaSCli.RunAsync(Server(), "mgmt", "instance", "stop", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: The resource could not be found. Instance nope not found. (HTTP 404)", result.Stderr.Trim());
    }
}
