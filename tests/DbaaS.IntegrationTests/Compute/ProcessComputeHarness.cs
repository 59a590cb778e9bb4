using System.Runtime.Versioning;
using DbaaS.Contracts.Guest;
using DbaaS.TaskManager.Compute;
using DbaaS.TaskManager.Compute.Process;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DbaaS.IntegrationTests.Compute;

/// <summary>
/// A private state directory and a stand-in guest (<c>fake-guest.sh</c>; the real agent is built separately) for the
/// process driver. Disposing deletes every server it left and the directory.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessComputeHarness : IAsyncDisposable
{
    /// <summary>
    /// Records its pid, starts a child in its own session that works elsewhere (found only through the session), and
    /// an "engine" that leaves the session, as pg_ctl does, but works in the data directory. Then waits.
    /// </summary>
    const string StandInGuestScript = """
        #!/bin/sh
        # Stand-in for the guest agent in the process driver's tests. Called as: fake-guest.sh --config <dir>/guest.json
        dir=$(dirname "$2")
        (cd / && exec sleep 100000) &
        echo $! > "$dir/stand-in-child.pid"
        (cd "$dir/data" && exec setsid sleep 100001) &
        echo $! > "$dir/stand-in-engine.pid"
        echo $$ > "$dir/stand-in-guest.pid"
        wait
        """;

    readonly string _root = Path.Combine(Path.GetTempPath(), $"dbaas-compute-{Guid.NewGuid():N}");

    public ProcessComputeHarness()
    {
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        var script = Path.Combine(_root, "bin", "fake-guest.sh");
        File.WriteAllText(script, StandInGuestScript.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = Random.Shared.Next(27000, 29000);
        Options = new ProcessComputeOptions
        {
            StateDirectory = Path.Combine(_root, "instances"),
            PortRangeStart = start,
            PortRangeEnd = start + 99,
            GuestAgentCommand = script,
            GuestStopSeconds = 5,
            ProcessStopSeconds = 5,
        };
    }

    public ProcessComputeOptions Options { get; }

    public string StateDirectory => Options.ResolveStateDirectory();

    /// <summary>A driver as a (re)started taskmanager would build it: it knows only what the state directory holds.</summary>
    public ProcessComputeDriver NewDriver() => new(Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ProcessComputeDriver>.Instance);

    public static ServerSpec Spec(Guid instanceId, string password = "stand-in-password") => new(
        instanceId, "mariadb", "10.11", MemoryMb: 512, VolumeSizeGb: 1, EnvelopeSeal.NewKey(),
        new GuestRabbitSettings { Host = "127.0.0.1", Port = 5672, VirtualHost = "dbaas", User = GuestTopology.UserFor(instanceId.ToString()), Password = password });

    public string InstanceDirectory(Guid instanceId) => Path.Combine(StateDirectory, instanceId.ToString());

    public GuestConfig ReadConfig(Guid instanceId) =>
        System.Text.Json.JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(InstanceDirectory(instanceId), GuestConfig.FileName)), GuestJson.Default.GuestConfig)!;

    /// <summary>A pid the stand-in wrote (guest, child or engine), once it is there.</summary>
    public async Task<int> StandInPidAsync(Guid instanceId, string which, int? notEqualTo = null)
    {
        var path = Path.Combine(InstanceDirectory(instanceId), $"stand-in-{which}.pid");
        var pid = 0;
        await Guests.Eventually.TrueAsync(
            () => File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out pid) && pid != notEqualTo,
            $"the stand-in guest of {instanceId} never wrote its {which} pid");
        return pid;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Live processes started with this instance's guest.json on their command line: the stand-in guests.</summary>
    public int GuestsRunning(Guid instanceId)
    {
        var config = Path.Combine(InstanceDirectory(instanceId), GuestConfig.FileName);
        var count = 0;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || !IsAlive(pid)) continue;
            try
            {
                if (File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains(config)) count++;
            }
            catch (IOException)
            {
            }
        }
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(StateDirectory))
        {
            var driver = NewDriver();
            foreach (var server in await driver.ListServersAsync(CancellationToken.None))
                await driver.DeleteServerAsync(server.InstanceId, CancellationToken.None);
        }
        Directory.Delete(_root, recursive: true);
    }
}
