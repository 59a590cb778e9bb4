namespace DbaaS.Tests.Cli;

/// <summary><c>dbaas user grant-access|revoke-access|show-access</c>.</summary>
public class DatabaseUserAccessCommandsAgainstFakeServerTests
{
    private static FakeDbaaSServer ServerWithShop(params string[] appCanReach)
    {
        var server = new FakeDbaaSServer();
        var shop = server.Instances.Add("shop");
        foreach (var database in new[] { "app", "audit", "billing" })
        {
            shop.Access.AddDatabase(database);
        }
        shop.Access.AddUser("app", "%", "pw", appCanReach);
        return server;
    }

    private static string ShopUrl(FakeDbaaSServer server, string below) =>
        FakeDbaaSServer.Database($"instances/{server.Instances.Single("shop").Id}/{below}");

    private static List<string> AppCanReach(FakeDbaaSServer server) => server.Instances.Single("shop").Access.User("app").Databases;

    [Fact]
    public async Task Grant_puts_every_database_in_one_request()
    {
        var server = ServerWithShop("app");

        var result = await DbaaSCli.RunAsync(server, "user", "grant-access", "shop", "app", "audit", "billing");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        var put = server.RequestsAfterLogin.Last();
        Assert.Equal("PUT " + ShopUrl(server, "users/app/databases"), put.ToString());
        JsonAssert.Equal("""{"databases":[{"name":"audit"},{"name":"billing"}]}""", put.Json);
        Assert.Equal(["app", "audit", "billing"], AppCanReach(server));
    }

    [Fact]
    public async Task Grant_to_a_user_at_a_host_escapes_the_host()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "user", "grant-access", "shop", "app", "audit", "--host", "%");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ShopUrl(server, "users/app%40%25/databases"), server.RequestsAfterLogin.Last().Url.AbsoluteUri);
    }

    [Fact]
    public async Task Grant_of_an_unknown_database_prints_item_not_found_and_grants_nothing()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "user", "grant-access", "shop", "app", "audit", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: Database ghost cannot be found on the instance. (HTTP 404)", result.Stderr.Trim());
        Assert.Empty(AppCanReach(server));
    }

    [Fact]
    public async Task Grant_needs_at_least_one_database()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "user", "grant-access", "shop", "app");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Revoke_deletes_the_one_database_from_the_users_access()
    {
        var server = ServerWithShop("app", "audit");

        var result = await DbaaSCli.RunAsync(server, "user", "revoke-access", "shop", "app", "audit", "--host", "%");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("DELETE " + ShopUrl(server, "users/app%40%25/databases/audit"), $"DELETE {server.RequestsAfterLogin.Last().Url.AbsoluteUri}");
        Assert.Equal(["app"], AppCanReach(server));
    }

    [Fact]
    public async Task Revoke_for_an_unknown_user_prints_item_not_found()
    {
        var server = ServerWithShop("app");

        var result = await DbaaSCli.RunAsync(server, "user", "revoke-access", "shop", "ghost", "app");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: User ghost@% cannot be found on the instance. (HTTP 404)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Show_access_lists_the_databases_the_user_can_reach()
    {
        var server = ServerWithShop("app", "billing");

        var table = await DbaaSCli.RunAsync(server, "user", "show-access", "shop", "app");
        var json = await DbaaSCli.RunAsync(server, "user", "show-access", "shop", "app", "-f", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Equal(["+---------+", "| Name    |", "|---------|", "| app     |", "| billing |", "+---------+"], table.StdoutLines);
        JsonAssert.Equal("""[{"name":"app"},{"name":"billing"}]""", json.Stdout);
        Assert.Equal("GET " + ShopUrl(server, "users/app/databases"), server.RequestsAfterLogin.Last().ToString());
    }

    [Fact]
    public async Task Show_access_follows_next_links_to_the_end()
    {
        var server = ServerWithShop();
        var url = ShopUrl(server, "users/app/databases");
        server
            .Answer(HttpMethod.Get, url, """
                {"databases":[{"name":"app"}],
                 "databases_links":[{"rel":"next","href":"https://elsewhere:8779/v1.0/x/instances/y/users/app/databases?marker=app"}]}
                """)
            .Answer(HttpMethod.Get, url + "?marker=app", """{"databases":[{"name":"audit"}]}""");

        var result = await DbaaSCli.RunAsync(server, "user", "show-access", "shop", "app", "-f", "value");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["app", "audit"], result.StdoutLines);
    }
}
