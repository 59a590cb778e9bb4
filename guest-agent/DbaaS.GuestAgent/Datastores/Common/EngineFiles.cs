namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>
/// Where a plugin keeps its files. The instance directory belongs to the host (guest.json); the plugin adds
/// <see cref="AdminPasswordFile"/> and its client credentials beside it (root, 0600), and one run directory named
/// after the manager (engine user, 0700) holding the rendered config, socket, pid file and logs. The data
/// directory is the volume.
/// </summary>
public sealed class EngineFiles(string instanceDirectory, string manager, string dataDirectory)
{
    public string InstanceDirectory { get; } = instanceDirectory;
    public string RunDirectory { get; } = Path.Combine(instanceDirectory, manager);
    public string DataDirectory { get; } = dataDirectory;

    public string AdminPasswordFile => InInstance("admin.password");

    /// <summary>Written once the data directory holds an initialised engine with the admin password set.</summary>
    public string InitializedMarker => Path.Combine(DataDirectory, ".dbaas-initialized");

    /// <summary>Present while initialisation runs: a data directory left half-initialised by a crash may be cleared.</summary>
    public string InitializingMarker => InRun(".initializing");

    /// <summary>What the engine prints on stdout/stderr (mostly before its own logging starts).</summary>
    public string ConsoleLog => InRun("console.log");

    public string InInstance(string name) => Path.Combine(InstanceDirectory, name);
    public string InRun(string name) => Path.Combine(RunDirectory, name);
}
