using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.MySqlCommon;
using DbaaS.GuestPlugins.Tests.Infrastructure;
using DbaaS.GuestPlugins.Tests.MariaDb;

namespace DbaaS.GuestPlugins.Tests.MySql;

/// <summary>
/// The MySQL 8 plugin. The engine scenarios need a real MySQL 8 server and say so in their names; this machine's
/// Debian ships only MariaDB, whose "mysqld" the plugin must refuse rather than half-initialise.
/// </summary>
public sealed class MySqlPluginTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestInstance instance = null!;
    MySqlFamilyDriver driver = null!;

    public Task InitializeAsync()
    {
        instance = new TestInstance("mysql", "8.0", output);
        driver = new MySqlFamilyDriver(instance, "mysql", "8.");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [MySql8Fact]
    public Task Lifecycle_keeps_the_users_row_through_restart_stop_crash_flavor_change_and_second_prepare_RequiresMySql8Mysqld() =>
        EngineScenarios.LifecycleKeepsTheUsersRowAsync(driver, output);

    [MySql8Fact]
    public Task A_new_plugin_object_adopts_the_running_engine_instead_of_starting_another_RequiresMySql8Mysqld() =>
        EngineScenarios.NewPluginAdoptsTheRunningEngineAsync(driver);

    [MySql8Fact]
    public async Task Users_authenticate_with_caching_sha2_password_and_root_only_over_the_socket_RequiresMySql8Mysqld()
    {
        var plugin = (MySqlFamilyPlugin)instance.NewPlugin();
        await plugin.PrepareAsync(driver.PrepareArgs(512), CancellationToken.None);

        var accounts = (await plugin.RunSqlAsync("SELECT CONCAT(User, '@', Host, '=', plugin) FROM mysql.user WHERE User IN ('root', 'app') ORDER BY 1;",
            [], "listing", CancellationToken.None)).StandardOutput;
        Assert.Equal(["app@%=caching_sha2_password", "root@localhost=caching_sha2_password"], accounts.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("OFF", (await plugin.RunSqlAsync("SELECT @@mysqlx;", [], "reading", CancellationToken.None)).StandardOutput.Trim(), ignoreCase: true);
    }

    [WithoutMySql8Fact]
    public async Task Prepare_refuses_a_mysqld_that_is_not_MySQL_8_before_touching_the_data_directory()
    {
        var plugin = instance.NewPlugin();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            plugin.PrepareAsync(driver.PrepareArgs(512), CancellationToken.None));

        Assert.Contains("is not a MySQL 8 server", refused.Message);
        Assert.False(plugin.IsInitialized);
        Assert.Empty(Directory.EnumerateFileSystemEntries(plugin.Files.DataDirectory));
        Assert.Null(plugin.EnginePid);
    }
}
