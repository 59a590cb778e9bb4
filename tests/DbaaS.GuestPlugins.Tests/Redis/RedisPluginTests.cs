using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Redis;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.Redis;

/// <summary>The Redis plugin against a real redis-server 7 in a temporary instance directory.</summary>
public sealed class RedisPluginTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestInstance instance = null!;
    RedisDriver driver = null!;

    public Task InitializeAsync()
    {
        instance = new TestInstance("redis", "7.0", output);
        driver = new RedisDriver(instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public Task Lifecycle_keeps_the_users_key_through_restart_stop_crash_flavor_change_and_second_prepare() =>
        EngineScenarios.LifecycleKeepsTheUsersRowAsync(driver, output);

    [Fact]
    public Task A_new_plugin_object_adopts_the_running_engine_instead_of_starting_another() =>
        EngineScenarios.NewPluginAdoptsTheRunningEngineAsync(driver);

    [Fact]
    public async Task A_named_database_is_refused_with_a_message_naming_the_engine()
    {
        var plugin = instance.NewPlugin();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            plugin.PrepareAsync(new PrepareArgs(512, 1, [new DatabaseSpec("appdb")], []), CancellationToken.None));

        Assert.StartsWith("redis: Redis has no named databases", refused.Message);
        Assert.Contains("'appdb'", refused.Message);
        Assert.False(plugin.IsInitialized);
        // Refused arguments touch nothing: the instance is still waiting for a valid prepare.
        Assert.Equal(GuestServiceStatus.Building, await plugin.ProbeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_user_cannot_administer_and_a_password_full_of_quotes_and_spaces_works()
    {
        var plugin = (RedisPlugin)instance.NewPlugin();
        const string evilPassword = "p'a\"s\\ \"; ACL SETUSER default off; --";
        await plugin.PrepareAsync(new PrepareArgs(512, 1, [], [new UserSpec("quoted", evilPassword, null, [])]), CancellationToken.None);

        Assert.Equal("OK", (await driver.AsUserAsync("quoted", evilPassword, "SET", "k", "v")).EnsureSuccess("SET as the user").StandardOutput.Trim());
        var config = await driver.AsUserAsync("quoted", evilPassword, "CONFIG", "SET", "maxmemory", "1");
        Assert.False(config.Succeeded);
        Assert.Contains("NOPERM", config.StandardError + config.StandardOutput);
        Assert.Equal(GuestServiceStatus.Running, await plugin.ProbeAsync(CancellationToken.None));

        // Users are saved to the ACL file: they survive a restart, and the file holds hashes, not passwords.
        await plugin.RestartAsync(CancellationToken.None);
        Assert.Equal("v", (await driver.AsUserAsync("quoted", evilPassword, "GET", "k")).EnsureSuccess("GET after restart").StandardOutput.Trim());
        var acl = await File.ReadAllTextAsync(plugin.AclFile);
        var line = Assert.Single(acl.Split('\n'), l => l.StartsWith("user quoted ", StringComparison.Ordinal));
        Assert.Contains(" #" + RedisConfig.PasswordHash(evilPassword) + " ", line);
        Assert.Contains(" -@admin", line);
        Assert.DoesNotContain(evilPassword, acl);

        PrepareArgs[] attacks =
        [
            new(512, 1, [], [new UserSpec("default", "pw", null, [])]),
            new(512, 1, [], [new UserSpec("a b", "pw", null, [])]),
            new(512, 1, [], [new UserSpec("u", "pw\nACL SETUSER default off", null, [])]),
            new(512, 1, [], [], new Dictionary<string, string> { ["requirepass"] = "x" }),
            new(512, 1, [], [], new Dictionary<string, string> { ["maxmemory-policy"] = "noeviction\nprotected-mode no" }),
        ];
        foreach (var attack in attacks)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => plugin.PrepareAsync(attack, CancellationToken.None));
            Assert.StartsWith("redis: ", error.Message);
        }
        Assert.Equal(GuestServiceStatus.Running, await plugin.ProbeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_new_plugin_object_tells_a_crash_from_a_clean_stop_by_the_pid_file_left_behind()
    {
        var first = instance.NewPlugin();
        await first.PrepareAsync(driver.PrepareArgs(512), CancellationToken.None);
        await first.StopAsync(CancellationToken.None);
        Assert.Equal(GuestServiceStatus.Shutdown, await instance.NewPlugin().ProbeAsync(CancellationToken.None));

        await first.StartAsync(CancellationToken.None);
        var pid = first.EnginePid!.Value;
        GuestAgent.Datastores.Common.ProcFs.Signal(pid, GuestAgent.Datastores.Common.ProcFs.SigKill);
        await EngineScenarios.WaitUntilAsync(() => !GuestAgent.Datastores.Common.ProcFs.IsAlive(pid), "the engine to die");

        var afterAgentRestart = instance.NewPlugin();
        Assert.Equal(GuestServiceStatus.Crashed, await afterAgentRestart.ProbeAsync(CancellationToken.None));
        await afterAgentRestart.StartAsync(CancellationToken.None);
        Assert.Equal(GuestServiceStatus.Running, await afterAgentRestart.ProbeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Before_prepare_the_engine_is_building_and_cannot_be_started()
    {
        var plugin = instance.NewPlugin();

        Assert.Equal(GuestServiceStatus.Building, await plugin.ProbeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => plugin.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Someone_elses_files_in_the_data_directory_are_never_overwritten()
    {
        Directory.CreateDirectory(instance.DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(instance.DataDirectory, "precious.rdb"), "data");
        var plugin = instance.NewPlugin();

        var refused = await Assert.ThrowsAsync<GuestAgent.Datastores.Common.EngineException>(() =>
            plugin.PrepareAsync(driver.PrepareArgs(512), CancellationToken.None));

        Assert.Contains("not initialised by the guest agent; refusing to overwrite it", refused.Message);
        Assert.Equal(GuestServiceStatus.Failed, await plugin.ProbeAsync(CancellationToken.None));
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(instance.DataDirectory, "precious.rdb")));
    }

    [Fact]
    public async Task The_debris_of_an_interrupted_initialisation_is_cleared_and_prepare_completes()
    {
        var plugin = instance.NewPlugin();
        Directory.CreateDirectory(plugin.Files.RunDirectory);
        await File.WriteAllTextAsync(plugin.Files.InitializingMarker, "");
        Directory.CreateDirectory(Path.Combine(instance.DataDirectory, "appendonlydir"));
        await File.WriteAllTextAsync(Path.Combine(instance.DataDirectory, "appendonlydir", "half.aof"), "garbage");

        await plugin.PrepareAsync(driver.PrepareArgs(512), CancellationToken.None);

        Assert.True(plugin.IsInitialized);
        Assert.False(File.Exists(plugin.Files.InitializingMarker));
        Assert.False(File.Exists(Path.Combine(instance.DataDirectory, "appendonlydir", "half.aof")));
        await driver.WriteRowAsUserAsync("fresh");
        Assert.Equal("fresh", await driver.ReadRowAsUserAsync());
    }
}
