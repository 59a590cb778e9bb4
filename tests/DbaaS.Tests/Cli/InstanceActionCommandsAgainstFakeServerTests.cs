namespace DbaaS.Tests.Cli;

public class InstanceActionCommandsAgainstFakeServerTests
{
    [Theory]
    [InlineData(new[] { "restart" }, """{"restart":{}}""")]
    [InlineData(new[] { "resize-flavor", "2" }, """{"resize":{"flavorRef":"2"}}""")]
    [InlineData(new[] { "resize-volume", "2" }, """{"resize":{"volume":{"size":2}}}""")]
    [InlineData(new[] { "reset-status" }, """{"reset_status":{}}""")]
    public async Task Each_action_posts_its_trove_body_and_prints_nothing(string[] action, string body)
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, ["instance", action[0], instance.Id, .. action[1..]]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Empty(result.Stderr);
        var post = server.RequestsAfterLogin.Last();
        Assert.Equal("POST " + FakeDbaaSServer.Database($"instances/{instance.Id}/action"), post.ToString());
        JsonAssert.Equal(body, post.Json);
    }

    [Fact]
    public async Task Restart_finds_the_instance_by_name()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "restart", "alpha");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("POST " + FakeDbaaSServer.Database($"instances/{instance.Id}/action"), server.RequestsAfterLogin.Last().ToString());
        Assert.Equal("REBOOT", instance.Status);
    }

    [Fact]
    public async Task Restart_with_wait_prints_reboot_then_active_and_shows_the_instance()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "restart", "alpha", "--wait", "-f", "value", "-c", "status");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                $"Waiting up to 600 s until instance 'alpha' ({instance.Id}) is ACTIVE.",
                "12:00:00  +0.0s  REBOOT (SHUTDOWN)",
                "12:00:01  +1.0s  ACTIVE (HEALTHY)",
            ],
            result.StderrLines);
        Assert.Equal(["ACTIVE"], result.StdoutLines);
    }

    [Fact]
    public async Task Resize_flavor_with_wait_shows_the_new_flavor()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "resize-flavor", "alpha", "3", "--wait", "-f", "value", "-c", "flavor.id");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["3"], result.StdoutLines);
        Assert.Contains("  RESIZE (HEALTHY)", result.Stderr);
    }

    [Fact]
    public async Task Resize_volume_with_wait_shows_the_new_size()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("alpha", i => i.VolumeSize = 1);

        var result = await DbaaSCli.RunAsync(server, "instance", "resize-volume", "alpha", "4", "--wait", "-f", "value", "-c", "volume.size");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["4"], result.StdoutLines);
    }

    [Fact]
    public async Task Resize_volume_to_a_smaller_size_prints_the_servers_reason()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("alpha", i => i.VolumeSize = 5);

        var result = await DbaaSCli.RunAsync(server, "instance", "resize-volume", "alpha", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: The new volume 'size' must be larger than the current volume size of '5'. (HTTP 400)", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_action_on_a_busy_instance_prints_the_servers_refusal()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("alpha", i => i.Status = "BUILD");

        var result = await DbaaSCli.RunAsync(server, "instance", "restart", "alpha", "--wait");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "ERROR: Instance is not currently available for an action to be performed (BUILD status was found). (HTTP 422)",
            result.Stderr.Trim());
    }

    [Fact]
    public async Task Restart_with_wait_exits_1_when_the_instance_fails()
    {
        var server = new FakeDbaaSServer();
        var instance = server.Instances.Add("alpha");
        // A canned 202 stands in for the action, so the reboot set up below is what the wait sees, and it ends in ERROR.
        server.Answer(HttpMethod.Post, FakeDbaaSServer.Database($"instances/{instance.Id}/action"), System.Net.HttpStatusCode.Accepted, "");
        // Two GETs see REBOOT: the lookup before the action and the first poll.
        instance.Begin("REBOOT", "SHUTDOWN", "Restarting the database.", polls: 2, failed =>
        {
            failed.Status = "ERROR";
            failed.OperatingStatus = "CRASHED";
            failed.FaultMessage = "mariadbd did not start: InnoDB: Cannot allocate memory for the buffer pool.";
        });

        var result = await DbaaSCli.RunAsync(server, "instance", "restart", instance.Id, "--wait");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"ERROR: Instance 'alpha' ({instance.Id}) went to ERROR: mariadbd did not start: InnoDB: Cannot allocate memory for the buffer pool.",
            result.StderrLines[^1]);
        Assert.Equal(["12:00:00  +0.0s  REBOOT (SHUTDOWN)", "12:00:00  +0.5s  ERROR (CRASHED)"], result.StderrLines[1..^1]);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Reset_status_has_no_wait()
    {
        var server = new FakeDbaaSServer();
        server.Instances.Add("alpha");

        var result = await DbaaSCli.RunAsync(server, "instance", "reset-status", "alpha", "--wait");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }
}
