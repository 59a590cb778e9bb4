using DbaaS.IntegrationTests.Clients;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances.Access;

/// <summary>
/// The real <c>openstack database db|user|root</c> commands (python3-openstackclient with the trove plugin) manage
/// databases, users and root; the guest behind is simulated because this test is about wire compatibility (the
/// engines are tested end to end in DbaaS.EndToEndTests).
/// </summary>
[Collection(SimulatedServersCollection.Name)]
public sealed class OpenStackCliAccessWithSimulatedGuestTests(SimulatedServersApp fixture)
{
    readonly DbaaSApp _app = fixture.App;

    [Fact]
    public async Task Openstack_database_manages_databases_users_grants_and_root()
    {
        var session = await _app.NewProjectUserAsync();
        var id = await _app.Client().ActiveInstanceAsync(session);
        var environment = OpenStackEnvironment.For(_app, session);
        async Task<string> Openstack(params string[] args)
        {
            var run = await ExternalProcess.RunAsync("openstack", ["database", .. args], environment);
            run.AssertSuccess();
            return run.Stdout;
        }

        await Openstack("db", "create", id, "ledger", "--character_set", "utf8mb4");
        await Openstack("db", "create", id, "archive");
        var databases = await Openstack("db", "list", id, "-f", "value");
        Assert.Contains("ledger", databases);
        Assert.Contains("archive", databases);

        await Openstack("user", "create", id, "bob", "S3cret-b", "--databases", "ledger");
        Assert.Contains("bob", await Openstack("user", "list", id, "-f", "value"));
        Assert.Contains("bob", await Openstack("user", "show", id, "bob", "-f", "value"));
        await Openstack("user", "grant", "access", id, "bob", "archive");
        var access = await Openstack("user", "show", "access", id, "bob", "-f", "value");
        Assert.Contains("ledger", access);
        Assert.Contains("archive", access);
        await Openstack("user", "revoke", "access", id, "bob", "ledger");
        Assert.DoesNotContain("ledger", await Openstack("user", "show", "access", id, "bob", "-f", "value"));
        await Openstack("user", "update", "attributes", id, "bob", "--new_name", "bobby", "--new_password", "N3w-s3cret");
        Assert.Contains("bobby", await Openstack("user", "list", id, "-f", "value"));
        await Openstack("user", "delete", id, "bobby");
        Assert.DoesNotContain("bobby", await Openstack("user", "list", id, "-f", "value"));

        Assert.Contains("R00t-given", await Openstack("root", "enable", id, "--root_password", "R00t-given", "-f", "value"));
        Assert.Contains("True", await Openstack("root", "show", id, "-f", "value"));
        await Openstack("root", "disable", id);
        Assert.Contains("False", await Openstack("root", "show", id, "-f", "value"));

        await Openstack("db", "delete", id, "ledger");
        Assert.DoesNotContain("ledger", await Openstack("db", "list", id, "-f", "value"));

        var refused = await ExternalProcess.RunAsync("openstack", ["database", "db", "create", id, "information_schema"], environment);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("reserved", refused.Stderr + refused.Stdout);
    }
}
