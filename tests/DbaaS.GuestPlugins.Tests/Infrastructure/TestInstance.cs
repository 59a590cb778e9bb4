using System.Diagnostics;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestPlugins.Tests.Infrastructure;

/// <summary>
/// One instance as the process compute driver would lay it out: a private instance directory (0700, as the host
/// creates it) and a volume, under a temporary root, with a random free port. Disposing stops every engine the
/// instance started (by its pid file, whichever plugin object started it) and deletes the root.
/// </summary>
public sealed class TestInstance : IAsyncDisposable
{
    readonly List<IDatastorePlugin> plugins = [];

    public TestInstance(string manager, string datastoreVersion, ITestOutputHelper output, int memoryMb = 512)
    {
        Manager = manager;
        DatastoreVersion = datastoreVersion;
        MemoryMb = memoryMb;
        Log = new TestLog(output);
        Root = Path.Combine(Path.GetTempPath(), $"dbaas-gp-{manager}-{Guid.NewGuid():N}"[..32]);
        // Engine users must pass through the root to reach their directories; the host's instance directory stays 0700.
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        InstanceDirectory = Path.Combine(Root, "instance");
        Directory.CreateDirectory(InstanceDirectory, PrivateFiles.OwnerOnlyDirectory);
        Directory.CreateDirectory(Path.Combine(Root, "volume"));
        DataDirectory = Path.Combine(Root, "volume", "data");
        Port = Network.FreePort();
    }

    public string Manager { get; }
    public string DatastoreVersion { get; }
    public int MemoryMb { get; }
    public TestLog Log { get; }
    public string Root { get; }
    public string InstanceDirectory { get; }
    public string DataDirectory { get; }
    public int Port { get; }

    public GuestConfig Config => new()
    {
        InstanceId = Path.GetFileName(Root),
        Manager = Manager,
        DatastoreVersion = DatastoreVersion,
        Rabbit = new GuestRabbitSettings { Host = "127.0.0.1", Port = 1, VirtualHost = "unused", User = "unused", Password = "unused" },
        Key = "unused",
        DataDir = DataDirectory,
        BindAddress = "127.0.0.1",
        Port = Port,
        MemoryMb = MemoryMb,
        VolumeSizeGb = 1,
    };

    /// <summary>A new plugin object for this instance, as the agent creates one when it (re)starts.</summary>
    public EnginePlugin NewPlugin()
    {
        var plugin = (EnginePlugin)DatastorePlugins.Create(new EngineContext(Config, InstanceDirectory, Log));
        plugins.Add(plugin);
        return plugin;
    }

    /// <summary>A file only the test reads (a user's client credentials), 0600 under the root.</summary>
    public string WriteSecretFile(string name, string content)
    {
        var path = Path.Combine(Root, name);
        PrivateFiles.Write(path, content);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            // A fresh plugin adopts whatever engine runs on this data directory and stops it.
            if (plugins.Count > 0) await NewPlugin().StopAsync(deadline.Token);
        }
        catch (Exception e)
        {
            Log.Warn($"cleanup: stopping the engine failed: {e.Message}");
            KillEnginesOnDataDirectory();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException e)
        {
            Log.Warn($"cleanup: could not delete {Root}: {e.Message}");
        }
    }

    /// <summary>Every process whose working directory is our data directory (the engines chdir there).</summary>
    public IReadOnlyList<int> ProcessesOnDataDirectory()
    {
        var data = ProcFs.RealPath(DataDirectory);
        return Process.GetProcesses().Select(p => p.Id)
            .Where(pid => ProcFs.IsAlive(pid) && ProcFs.WorkingDirectory(pid) == data)
            .ToList();
    }

    void KillEnginesOnDataDirectory()
    {
        foreach (var pid in ProcessesOnDataDirectory()) ProcFs.Signal(pid, ProcFs.SigKill);
    }
}
