using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Datastores;

/// <summary>
/// The extension point: one implementation per engine, in its own folder (Datastores/&lt;Engine&gt;/). The agent
/// owns the ritual (RPC dispatch, heartbeats, replies); the plugin owns the engine. Every method may be called
/// again after a crash of the agent, so each must converge rather than repeat work: prepare on an initialised
/// data directory keeps the data, start on a running engine adopts it (by its pid file) instead of starting another.
/// </summary>
public interface IDatastorePlugin
{
    /// <summary>The datastore version manager this plugin serves (mariadb, mysql, postgresql, redis).</summary>
    string Manager { get; }

    /// <summary>True once prepare has initialised the data directory; the agent then starts the engine when it starts.</summary>
    bool IsInitialized { get; }

    /// <summary>
    /// Initialise the data directory (if empty), render the engine config from the memory size and overrides, start
    /// the engine, set the administrator credentials (generated, kept in a 0600 file under the instance directory),
    /// create the initial databases and users. Returns the engine's version string.
    /// </summary>
    Task<PrepareResult> PrepareAsync(PrepareArgs args, CancellationToken cancellationToken);

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Clean shutdown; returns once the engine process is gone.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    Task RestartAsync(CancellationToken cancellationToken);

    /// <summary>One of <see cref="GuestServiceStatus"/>: running (answers its own protocol), shutdown (stopped on purpose), crashed (died), building.</summary>
    Task<string> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Re-render the memory settings for a new flavor and restart the engine with them.</summary>
    Task ApplyFlavorAsync(int memoryMb, CancellationToken cancellationToken);
}

/// <summary>What a plugin is given: the guest's configuration and where it may keep its files.</summary>
/// <param name="InstanceDirectory">Private to this instance (holds guest.json); the plugin's admin secrets go here.</param>
public sealed record EngineContext(GuestConfig Config, string InstanceDirectory, IGuestLog Log);

/// <summary>Structured, secret-free log lines on stderr (the compute driver captures them to a file).</summary>
public interface IGuestLog
{
    void Info(string message);
    void Warn(string message);
    void Error(string message, Exception? exception = null);
}
