using System.Diagnostics;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestPlugins.Tests.Infrastructure;

/// <summary>The scenarios every engine goes through with its real server; each engine's test class runs them.</summary>
public static class EngineScenarios
{
    static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    /// <summary>
    /// prepare → the user writes a row over TCP → restart → stop (process gone, port closed) → start → kill -9
    /// (crashed) → start → apply_flavor (memory visible in the engine) → a second prepare by a new plugin object:
    /// the row is there after every step.
    /// </summary>
    public static async Task LifecycleKeepsTheUsersRowAsync(EngineDriver driver, ITestOutputHelper output)
    {
        var instance = driver.Instance;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = cancel.Token;
        var plugin = instance.NewPlugin();
        Assert.False(plugin.IsInitialized);
        Assert.Equal(GuestServiceStatus.Building, await plugin.ProbeAsync(ct));

        var clock = Stopwatch.StartNew();
        var prepared = await plugin.PrepareAsync(driver.PrepareArgs(instance.MemoryMb), ct);
        var prepareTime = clock.Elapsed;
        await driver.WriteRowAsUserAsync("kept");
        output.WriteLine($"TIMING {instance.Manager}: prepare {prepareTime.TotalSeconds:0.000} s, prepare + first write as the user {clock.Elapsed.TotalSeconds:0.000} s");
        Assert.Contains(driver.VersionFragment, prepared.EngineVersion);
        Assert.True(plugin.IsInitialized);
        Assert.Equal(GuestServiceStatus.Running, await plugin.ProbeAsync(ct));
        Assert.Equal("kept", await driver.ReadRowAsUserAsync());

        await plugin.RestartAsync(ct);
        Assert.Equal("kept", await driver.ReadRowAsUserAsync());

        var pid = plugin.EnginePid ?? throw new InvalidOperationException("no engine pid after restart");
        clock.Restart();
        await plugin.StopAsync(ct);
        output.WriteLine($"TIMING {instance.Manager}: stop {clock.Elapsed.TotalSeconds:0.000} s");
        Assert.False(ProcFs.IsAlive(pid), $"pid {pid} still alive after stop");
        Assert.False(Network.IsOpen(instance.Port), "port still open after stop");
        Assert.Equal(GuestServiceStatus.Shutdown, await plugin.ProbeAsync(ct));

        clock.Restart();
        await plugin.StartAsync(ct);
        output.WriteLine($"TIMING {instance.Manager}: start {clock.Elapsed.TotalSeconds:0.000} s");
        Assert.Equal("kept", await driver.ReadRowAsUserAsync());

        pid = plugin.EnginePid ?? throw new InvalidOperationException("no engine pid after start");
        ProcFs.Signal(pid, ProcFs.SigKill);
        await WaitUntilAsync(() => !ProcFs.IsAlive(pid), $"pid {pid} to die after SIGKILL");
        Assert.Equal(GuestServiceStatus.Crashed, await plugin.ProbeAsync(ct));
        await plugin.StartAsync(ct);
        Assert.Equal(GuestServiceStatus.Running, await plugin.ProbeAsync(ct));
        Assert.Equal("kept", await driver.ReadRowAsUserAsync());

        Assert.Equal(driver.ExpectedMemorySetting(instance.MemoryMb), await driver.MemorySettingAsync());
        await plugin.ApplyFlavorAsync(instance.MemoryMb * 2, ct);
        Assert.Equal(driver.ExpectedMemorySetting(instance.MemoryMb * 2), await driver.MemorySettingAsync());
        Assert.Equal("kept", await driver.ReadRowAsUserAsync());

        var again = instance.NewPlugin();
        Assert.True(again.IsInitialized);
        var reprepared = await again.PrepareAsync(driver.PrepareArgs(instance.MemoryMb), ct);
        Assert.Equal(prepared.EngineVersion, reprepared.EngineVersion);
        Assert.Equal("kept", await driver.ReadRowAsUserAsync());
        Assert.Equal(driver.ExpectedMemorySetting(instance.MemoryMb), await driver.MemorySettingAsync());
        AssertNoSecretLogged(instance);
    }

    /// <summary>A new plugin object (the agent restarted) finds the running engine by its pid file and does not start another.</summary>
    public static async Task NewPluginAdoptsTheRunningEngineAsync(EngineDriver driver)
    {
        var instance = driver.Instance;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var first = instance.NewPlugin();
        await first.PrepareAsync(driver.PrepareArgs(instance.MemoryMb), cancel.Token);
        await driver.WriteRowAsUserAsync("adopted");
        var pid = first.EnginePid ?? throw new InvalidOperationException("no engine pid after prepare");
        var engines = EngineRoots(instance);

        var second = instance.NewPlugin();
        Assert.Null(second.EnginePid);
        Assert.Equal(GuestServiceStatus.Running, await second.ProbeAsync(cancel.Token));
        await second.StartAsync(cancel.Token);

        Assert.Equal(pid, second.EnginePid);
        Assert.Equal(engines, EngineRoots(instance));
        Assert.Equal([pid], engines);
        Assert.Equal("adopted", await driver.ReadRowAsUserAsync());

        await second.StopAsync(cancel.Token);
        Assert.False(ProcFs.IsAlive(pid));
        Assert.Equal(GuestServiceStatus.Shutdown, await second.ProbeAsync(cancel.Token));
    }

    /// <summary>Engine processes on the instance's data directory whose parent is not one of them (not a backend or fork).</summary>
    public static IReadOnlyList<int> EngineRoots(TestInstance instance)
    {
        var all = instance.ProcessesOnDataDirectory().ToHashSet();
        return all.Where(pid => !all.Contains(ParentOf(pid))).Order().ToList();
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Generous) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(20);
        }
    }

    public static void AssertNoSecretLogged(TestInstance instance)
    {
        var admin = File.ReadAllText(Path.Combine(instance.InstanceDirectory, "admin.password")).Trim();
        Assert.DoesNotContain(instance.Log.Lines, line => line.Contains(admin, StringComparison.Ordinal));
        Assert.DoesNotContain(instance.Log.Lines, line => line.Contains(EngineDriver.Password, StringComparison.Ordinal));
    }

    static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
