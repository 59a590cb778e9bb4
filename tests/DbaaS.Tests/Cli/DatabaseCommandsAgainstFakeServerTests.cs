namespace DbaaS.Tests.Cli;

public class DatabaseCommandsAgainstFakeServerTests
{
    private static FakeDbaaSServer ServerWithShop(params string[] databases)
    {
        var server = new FakeDbaaSServer();
        var shop = server.Instances.Add("shop");
        foreach (var database in databases)
        {
            shop.Access.AddDatabase(database);
        }
        return server;
    }

    private static string ShopUrl(FakeDbaaSServer server, string below) =>
        FakeDbaaSServer.Database($"instances/{server.Instances.Single("shop").Id}/{below}");

    [Fact]
    public async Task Create_posts_the_database_with_its_character_set_and_collation_to_the_named_instance()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "database", "create", "shop", "app", "--character-set", "utf8mb4", "--collate", "utf8mb4_unicode_ci");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        var post = server.RequestsAfterLogin.Last();
        Assert.Equal("POST " + ShopUrl(server, "databases"), post.ToString());
        JsonAssert.Equal("""{"databases":[{"name":"app","character_set":"utf8mb4","collate":"utf8mb4_unicode_ci"}]}""", post.Json);
        Assert.Equal(new FakeDatabase("app", "utf8mb4", "utf8mb4_unicode_ci"), server.Instances.Single("shop").Access.Databases.Single());
    }

    [Fact]
    public async Task Create_without_options_sends_only_the_name_and_accepts_the_instance_id()
    {
        var server = ServerWithShop();
        var id = server.Instances.Single("shop").Id;

        var result = await DbaaSCli.RunAsync(server, "database", "create", id, "app");

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal("""{"databases":[{"name":"app"}]}""", server.RequestsAfterLogin.Last().Json);
    }

    [Fact]
    public async Task Create_of_an_existing_database_prints_the_servers_refusal()
    {
        var server = ServerWithShop("app");

        var result = await DbaaSCli.RunAsync(server, "database", "create", "shop", "app");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: A database with the name \"app\" already exists. (HTTP 400)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Create_on_an_instance_that_is_not_active_prints_the_422_reason()
    {
        var server = ServerWithShop();
        server.Instances.Single("shop").Status = "BUILD";

        var result = await DbaaSCli.RunAsync(server, "database", "create", "shop", "app");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: Instance is not currently available for an action to be performed (BUILD status was found). (HTTP 422)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Create_on_an_unknown_instance_says_so_and_posts_nothing()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "database", "create", "nope", "app");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: No instance with a name or ID of 'nope' exists.", result.Stderr.Trim());
        Assert.DoesNotContain(server.Requests, r => r.Method == HttpMethod.Post && r.Url.AbsolutePath.EndsWith("/databases"));
    }

    [Fact]
    public async Task List_prints_the_names()
    {
        var server = ServerWithShop("app", "audit");

        var table = await DbaaSCli.RunAsync(server, "database", "list", "shop");
        var values = await DbaaSCli.RunAsync(server, "database", "list", "shop", "-f", "value");
        var json = await DbaaSCli.RunAsync(server, "database", "list", "shop", "-f", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Equal(["+-------+", "| Name  |", "|-------|", "| app   |", "| audit |", "+-------+"], table.StdoutLines);
        Assert.Equal(["app", "audit"], values.StdoutLines);
        JsonAssert.Equal("""[{"name":"app"},{"name":"audit"}]""", json.Stdout);
        Assert.Equal("GET " + ShopUrl(server, "databases"), server.RequestsAfterLogin.Last().ToString());
    }

    [Fact]
    public async Task List_shows_one_page_and_names_the_marker_of_the_next()
    {
        var server = ServerWithShop("app", "audit", "billing");
        server.Instances.PageSize = 2;

        var first = await DbaaSCli.RunAsync(server, "database", "list", "shop", "-f", "value");
        var second = await DbaaSCli.RunAsync(server, "database", "list", "shop", "-f", "value", "--marker", "audit", "--limit", "2");

        Assert.Equal(["app", "audit"], first.StdoutLines);
        Assert.Equal("More databases follow: add --marker audit, or --all for every page.", first.Stderr.Trim());
        Assert.Equal(["billing"], second.StdoutLines);
        Assert.Empty(second.Stderr);
        Assert.Equal("GET " + ShopUrl(server, "databases?limit=2&marker=audit"), server.RequestsAfterLogin.Last().ToString());
    }

    [Fact]
    public async Task List_all_follows_the_next_links()
    {
        var server = ServerWithShop("app", "audit", "billing", "crm", "dwh");
        server.Instances.PageSize = 2;

        var result = await DbaaSCli.RunAsync(server, "database", "list", "shop", "--all", "-f", "value");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["app", "audit", "billing", "crm", "dwh"], result.StdoutLines);
        Assert.Equal(
            [ShopUrl(server, "databases"), ShopUrl(server, "databases?marker=audit"), ShopUrl(server, "databases?marker=crm")],
            server.RequestsAfterLogin.Where(r => r.Url.AbsolutePath.EndsWith("/databases")).Select(r => r.Url.AbsoluteUri));
    }

    [Fact]
    public async Task Delete_escapes_the_name_as_one_path_segment()
    {
        var server = ServerWithShop("app", "odd name/x");

        var result = await DbaaSCli.RunAsync(server, "database", "delete", "shop", "odd name/x");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal("DELETE " + ShopUrl(server, "databases/odd%20name%2Fx"), $"DELETE {server.RequestsAfterLogin.Last().Url.AbsoluteUri}");
        Assert.Equal(["app"], server.Instances.Single("shop").Access.Databases.Select(d => d.Name));
    }

    [Fact]
    public async Task Delete_of_an_unknown_database_prints_item_not_found()
    {
        var server = ServerWithShop("app");

        var result = await DbaaSCli.RunAsync(server, "database", "delete", "shop", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: Database ghost cannot be found on the instance. (HTTP 404)", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_reserved_name_is_refused_by_the_server_with_its_reason()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "database", "create", "shop", "mysql");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: 'mysql' is a reserved database name. (HTTP 400)", result.Stderr.Trim());
        Assert.Empty(server.Instances.Single("shop").Access.Databases);
    }
}
