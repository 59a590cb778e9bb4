using DbaaS.IntegrationTests.Clients;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances.Access;

/// <summary>
/// The real <c>trove</c> CLI (python3-troveclient) manages databases, users and root; the guest behind is simulated
/// because this test is about wire compatibility (the engines are tested end to end elsewhere).
/// </summary>
[Collection(SimulatedServersCollection.Name)]
public sealed class TroveCliAccessWithSimulatedGuestTests(SimulatedServersApp fixture)
{
    readonly DbaaSApp _app = fixture.App;

    [Fact]
    public async Task Trove_manages_databases_users_grants_and_root()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _app.Client().ActiveInstanceAsync(session);
        var environment = OpenStackEnvironment.For(_app, session);
        async Task<string> Trove(params string[] args)
        {
            var run = await ExternalProcess.RunAsync("trove", args, environment);
            run.AssertSuccess();
            return run.Stdout;
        }

        await Trove("database-create", id, "sales", "--character_set", "utf8mb4");
        await Trove("database-create", id, "reports");
        var databases = await Trove("database-list", id);
        Assert.Contains("sales", databases);
        Assert.Contains("reports", databases);

        await Trove("user-create", id, "alice", "S3cret-a", "--host", "10.0.0.%", "--databases", "sales");
        Assert.Contains("alice", await Trove("user-list", id));
        Assert.Contains("10.0.0.%", await Trove("user-show", id, "alice", "--host", "10.0.0.%"));
        await Trove("user-grant-access", id, "alice", "reports", "--host", "10.0.0.%");
        var access = await Trove("user-show-access", id, "alice", "--host", "10.0.0.%");
        Assert.Contains("sales", access);
        Assert.Contains("reports", access);
        await Trove("user-revoke-access", id, "alice", "sales", "--host", "10.0.0.%");
        Assert.DoesNotContain("sales", await Trove("user-show-access", id, "alice", "--host", "10.0.0.%"));
        await Trove("user-update-attributes", id, "alice", "--host", "10.0.0.%", "--new_name", "alice2", "--new_password", "N3w-s3cret");
        Assert.Contains("alice2", await Trove("user-list", id));
        await Trove("user-delete", id, "alice2", "--host", "10.0.0.%");
        Assert.DoesNotContain("alice2", await Trove("user-list", id));

        var enabled = await Trove("root-enable", id, "--root_password", "R00t-given");
        Assert.Contains("R00t-given", enabled);
        Assert.Contains("True", await Trove("root-show", id));
        await Trove("root-disable", id);
        Assert.Contains("False", await Trove("root-show", id));

        await Trove("database-delete", id, "sales");
        Assert.DoesNotContain("sales", await Trove("database-list", id));

        var refused = await ExternalProcess.RunAsync("trove", ["database-create", id, "mysql"], environment);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("reserved", refused.Stderr + refused.Stdout);
    }
}
