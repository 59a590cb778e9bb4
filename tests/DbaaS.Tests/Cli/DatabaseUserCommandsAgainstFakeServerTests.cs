namespace DbaaS.Tests.Cli;

/// <summary><c>dbaas user create|list|show|delete|update</c>: database users inside an instance.</summary>
public class DatabaseUserCommandsAgainstFakeServerTests
{
    private const string Secret = "S3cret-Pa55";

    private static FakeDbaaSServer ServerWithShop(Action<FakeInstanceAccess>? fill = null)
    {
        var server = new FakeDbaaSServer();
        var shop = server.Instances.Add("shop");
        shop.Access.AddDatabase("app");
        shop.Access.AddDatabase("audit");
        fill?.Invoke(shop.Access);
        return server;
    }

    private static FakeInstanceAccess Shop(FakeDbaaSServer server) => server.Instances.Single("shop").Access;

    private static string ShopUrl(FakeDbaaSServer server, string below) =>
        FakeDbaaSServer.Database($"instances/{server.Instances.Single("shop").Id}/{below}");

    private static RecordedRequest Last(FakeDbaaSServer server) => server.RequestsAfterLogin.Last();

    [Fact]
    public async Task Create_posts_name_password_host_and_databases_and_prints_nothing()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "user", "create", "shop", "app", Secret, "--host", "10.0.0.%", "--databases", "app,audit");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal("POST " + ShopUrl(server, "users"), Last(server).ToString());
        JsonAssert.Equal($$"""
            {"users":[{"name":"app","password":"{{Secret}}","host":"10.0.0.%","databases":[{"name":"app"},{"name":"audit"}]}]}
            """, Last(server).Json);
        Assert.Equal(["app", "audit"], Shop(server).User("app", "10.0.0.%").Databases);
    }

    [Fact]
    public async Task Create_without_host_or_databases_leaves_them_out_for_the_server_to_default()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "user", "create", "shop", "app", Secret);

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal($$"""{"users":[{"name":"app","password":"{{Secret}}"}]}""", Last(server).Json);
        Assert.Equal("%", Shop(server).Users.Single().Host);
    }

    [Fact]
    public async Task Create_takes_repeated_database_options_and_comma_lists()
    {
        var server = ServerWithShop(access => access.AddDatabase("billing"));

        await DbaaSCli.RunAsync(server, "user", "create", "shop", "app", Secret, "--databases", "app, audit", "--databases", "billing");

        JsonAssert.Equal($$"""
            {"users":[{"name":"app","password":"{{Secret}}","databases":[{"name":"app"},{"name":"audit"},{"name":"billing"}]}]}
            """, Last(server).Json);
    }

    [Fact]
    public async Task Create_reads_the_password_from_stdin_so_it_is_not_on_the_command_line()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunWithStdinAsync(server, Secret + "\nignored second line\n", "user", "create", "shop", "app", "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal($$"""{"users":[{"name":"app","password":"{{Secret}}"}]}""", Last(server).Json);
        Assert.Equal(Secret, Shop(server).Users.Single().Password);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Create_with_an_empty_stdin_is_a_usage_error_and_sends_nothing()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunWithStdinAsync(server, "", "user", "create", "shop", "app", "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("ERROR: --password-stdin found no password on the first line of standard input.", result.Stderr.Trim());
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("Give <password>, or --password-stdin to read it from standard input.")]
    [InlineData("Give <password> or --password-stdin, not both.", Secret, "--password-stdin")]
    public async Task Create_needs_the_password_exactly_one_way_before_calling_anything(string error, params string[] passwordArgs)
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunWithStdinAsync(server, Secret + "\n", ["user", "create", "shop", "app", .. passwordArgs]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(error, result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_refused_create_prints_the_servers_reason_without_the_password()
    {
        var server = ServerWithShop(access => access.AddUser("app"));

        var result = await DbaaSCli.RunAsync(server, "user", "create", "shop", "app", Secret);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: A user with the name \"app\" already exists. (HTTP 400)", result.Stderr.Trim());
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task List_prints_name_host_and_database_names()
    {
        var server = ServerWithShop(access =>
        {
            access.AddUser("app", "%", "pw", "app", "audit");
            access.AddUser("report", "10.0.0.%", "pw");
        });

        var table = await DbaaSCli.RunAsync(server, "user", "list", "shop");
        var values = await DbaaSCli.RunAsync(server, "user", "list", "shop", "-f", "value");
        var json = await DbaaSCli.RunAsync(server, "user", "list", "shop", "-f", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Equal("| Name   | Host     | Databases  |", table.StdoutLines[1]);
        Assert.Equal("| app    | %        | app, audit |", table.StdoutLines[3]);
        Assert.Equal(["app % app, audit", "report 10.0.0.% "], values.StdoutLines);
        JsonAssert.Equal("""
            [{"name":"app","host":"%","databases":[{"name":"app"},{"name":"audit"}]},{"name":"report","host":"10.0.0.%","databases":[]}]
            """, json.Stdout);
        Assert.DoesNotContain("pw", table.Stdout + values.Stdout + json.Stdout);
    }

    [Fact]
    public async Task List_pages_by_name_at_host_and_escapes_that_marker()
    {
        var server = ServerWithShop(access =>
        {
            access.AddUser("a");
            access.AddUser("b", "10.0.0.1");
            access.AddUser("c");
        });
        server.Instances.PageSize = 2;

        var first = await DbaaSCli.RunAsync(server, "user", "list", "shop", "-f", "value", "-c", "name");
        var second = await DbaaSCli.RunAsync(server, "user", "list", "shop", "-f", "value", "-c", "name", "--marker", "b@10.0.0.1");
        var all = await DbaaSCli.RunAsync(server, "user", "list", "shop", "-f", "value", "-c", "name", "--all");

        Assert.Equal(["a", "b"], first.StdoutLines);
        Assert.Equal("More users follow: add --marker b@10.0.0.1, or --all for every page.", first.Stderr.Trim());
        Assert.Equal(["c"], second.StdoutLines);
        Assert.Equal(["a", "b", "c"], all.StdoutLines);
        Assert.Contains(server.RequestsAfterLogin, r => r.Url.AbsoluteUri == ShopUrl(server, "users?marker=b%4010.0.0.1"));
    }

    [Fact]
    public async Task Show_with_a_host_sends_name_at_host_escaped_as_one_segment()
    {
        var server = ServerWithShop(access => access.AddUser("app", "10.0.0.%", "pw", "app", "audit"));

        var result = await DbaaSCli.RunAsync(server, "user", "show", "shop", "app", "--host", "10.0.0.%");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ShopUrl(server, "users/app%4010.0.0.%25"), Last(server).Url.AbsoluteUri);
        Assert.Equal(["| databases | app, audit |", "| host      | 10.0.0.%   |", "| name      | app        |"],
            result.StdoutLines.Where(line => line.StartsWith("| ") && !line.StartsWith("| Field")));
    }

    [Fact]
    public async Task Show_as_json_is_the_api_object()
    {
        var server = ServerWithShop(access => access.AddUser("app", "%", "pw", "app"));

        var result = await DbaaSCli.RunAsync(server, "user", "show", "shop", "app", "-f", "json");

        Assert.Equal(ShopUrl(server, "users/app"), Last(server).Url.AbsoluteUri);
        JsonAssert.Equal("""{"name":"app","host":"%","databases":[{"name":"app"}]}""", result.Stdout);
    }

    [Fact]
    public async Task Show_of_an_unknown_user_prints_item_not_found()
    {
        var server = ServerWithShop();

        var result = await DbaaSCli.RunAsync(server, "user", "show", "shop", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: User ghost@% cannot be found on the instance. (HTTP 404)", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_name_with_an_at_sign_needs_the_host_so_the_server_does_not_split_it()
    {
        var server = ServerWithShop(access => access.AddUser("ops@corp", "%"));

        var refused = await DbaaSCli.RunAsync(server, "user", "show", "shop", "ops@corp");
        var requestsBefore = server.Requests.Count;
        var shown = await DbaaSCli.RunAsync(server, "user", "show", "shop", "ops@corp", "--host", "%", "-f", "value", "-c", "name");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("The name 'ops@corp' contains '@': give --host too", refused.Stderr);
        Assert.Equal(0, requestsBefore);
        Assert.Equal(["ops@corp"], shown.StdoutLines);
        Assert.Equal(ShopUrl(server, "users/ops%40corp%40%25"), Last(server).Url.AbsoluteUri);
    }

    [Fact]
    public async Task Delete_removes_the_user_at_its_host()
    {
        var server = ServerWithShop(access =>
        {
            access.AddUser("app", "%");
            access.AddUser("app", "localhost");
        });

        var result = await DbaaSCli.RunAsync(server, "user", "delete", "shop", "app", "--host", "localhost");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal("DELETE " + ShopUrl(server, "users/app%40localhost"), $"DELETE {Last(server).Url.AbsoluteUri}");
        Assert.Equal(["app@%"], Shop(server).Users.Select(u => u.Id));
    }

    [Fact]
    public async Task Update_sends_only_what_changes()
    {
        var server = ServerWithShop(access => access.AddUser("app"));

        var result = await DbaaSCli.RunAsync(server, "user", "update", "shop", "app", "--new-name", "shop_app", "--new-host", "10.0.0.%");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("PUT " + ShopUrl(server, "users/app"), Last(server).ToString());
        JsonAssert.Equal("""{"user":{"name":"shop_app","host":"10.0.0.%"}}""", Last(server).Json);
        Assert.Equal(["shop_app@10.0.0.%"], Shop(server).Users.Select(u => u.Id));
    }

    [Fact]
    public async Task Update_changes_the_password_from_stdin_without_echoing_it()
    {
        var server = ServerWithShop(access => access.AddUser("app", "%", "old"));

        var result = await DbaaSCli.RunWithStdinAsync(server, Secret + "\r\n", "user", "update", "shop", "app", "--host", "%", "--new-password-stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ShopUrl(server, "users/app%40%25"), Last(server).Url.AbsoluteUri);
        JsonAssert.Equal($$$"""{"user":{"password":"{{{Secret}}}"}}""", Last(server).Json);
        Assert.Equal(Secret, Shop(server).User("app").Password);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Update_with_the_password_on_the_command_line_works_too()
    {
        var server = ServerWithShop(access => access.AddUser("app", "%", "old"));

        var result = await DbaaSCli.RunAsync(server, "user", "update", "shop", "app", "--new-password", Secret);

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal($$$"""{"user":{"password":"{{{Secret}}}"}}""", Last(server).Json);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Update_with_nothing_to_change_is_a_usage_error()
    {
        var server = ServerWithShop(access => access.AddUser("app"));

        var result = await DbaaSCli.RunAsync(server, "user", "update", "shop", "app");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give at least one of --new-name, --new-host, --new-password or --new-password-stdin.", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Update_onto_an_existing_user_prints_the_conflict()
    {
        var server = ServerWithShop(access =>
        {
            access.AddUser("app");
            access.AddUser("report");
        });

        var result = await DbaaSCli.RunAsync(server, "user", "update", "shop", "app", "--new-name", "report");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: A user with the name \"report\" already exists. (HTTP 400)", result.Stderr.Trim());
    }
}
