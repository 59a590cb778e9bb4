namespace DbaaS.Tests.Cli;

public class InstanceChangeCommandsAgainstFakeServerTests
{
    [Fact]
    public async Task Update_patches_the_new_name_and_prints_nothing()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "update", instance.Id, "--name", "orders");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        var patch = server.RequestsAfterLogin.Last();
        Assert.Equal("PATCH " + FakeDbaaSServer.Database($"instances/{instance.Id}"), patch.ToString());
        JsonAssert.Equal("""{"instance":{"name":"orders"}}""", patch.Json);
        Assert.Equal("orders", instance.Name);
    }

    [Fact]
    public async Task Update_finds_the_instance_by_name()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "update", "alpha", "--name", "orders");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("PATCH " + FakeDbaaSServer.Database($"instances/{instance.Id}"), server.RequestsAfterLogin.Last().ToString());
    }

    [Fact]
    public async Task Update_without_a_name_is_a_usage_error()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "update", "alpha");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--name", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Delete_sends_delete_and_returns_without_waiting()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "delete", "alpha");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(
            ["GET " + FakeDbaaSServer.Database("instances/alpha"),
             "GET " + FakeDbaaSServer.Database("instances"),
             "GET " + FakeDbaaSServer.Database($"instances/{instance.Id}"),
             "DELETE " + FakeDbaaSServer.Database($"instances/{instance.Id}")],
            server.RequestsAfterLogin.Select(r => r.ToString()));
        Assert.Equal("SHUTDOWN", instance.Status);
    }

    [Fact]
    public async Task Delete_with_wait_polls_until_the_instance_is_gone()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "delete", instance.Id, "--wait");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                $"Waiting up to 600 s until instance 'alpha' ({instance.Id}) is deleted.",
                "12:00:00  +0.0s  SHUTDOWN",
                "12:00:01  +1.0s  DELETED",
            ],
            result.StderrLines);
        Assert.Empty(result.Stdout);
        Assert.True(instance.Deleted);
    }

    [Fact]
    public async Task Delete_with_wait_of_an_instance_already_in_error_is_not_a_failure()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("broken", i => { i.Status = "ERROR"; i.FaultMessage = "Build timed out."; });

        var result = await DbaaSCli.RunAsync(server, "instance", "delete", "broken", "--wait");

        // It shows ERROR until it is gone, as Trove does for a failed server; the old fault must not end the wait.
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["12:00:00  +0.0s  ERROR (SHUTDOWN)", "12:00:01  +1.0s  DELETED"], result.StderrLines[1..]);
        Assert.True(instance.Deleted);
    }

    [Fact]
    public async Task Delete_of_an_unknown_instance_deletes_nothing()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, "instance", "delete", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: No instance with a name or ID of 'nope' exists.", result.Stderr.Trim());
        Assert.DoesNotContain(server.Requests, r => r.Method == HttpMethod.Delete);
    }
}
