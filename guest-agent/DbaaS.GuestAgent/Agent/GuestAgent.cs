using System.Collections.Concurrent;
using DbaaS.GuestAgent.Datastores;
using DbaaS.GuestAgent.Heartbeat;
using DbaaS.GuestAgent.Instance;
using DbaaS.GuestAgent.Messaging;
using DbaaS.GuestAgent.Rpc;

namespace DbaaS.GuestAgent.Agent;

/// <summary>
/// The agent's core, the same in production and in tests (which give it a fake plugin): it brings the engine up if
/// it was running, connects with the instance's own credentials, heartbeats, and serves RPCs until stopped. Stopping
/// leaves the engine running: its lifetime is not the agent's, and the next agent adopts it.
/// </summary>
public sealed class GuestAgent
{
    /// <summary>How long calls in flight may finish (and answer) once the agent was asked to stop.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    readonly GuestConfigFile _configFile;
    readonly Func<EngineContext, IDatastorePlugin> _pluginFactory;
    readonly IGuestLog _log;
    readonly TimeProvider _clock;
    readonly ConcurrentDictionary<long, Task> _callsInFlight = new();
    long _nextCall;

    public GuestAgent(string configPath, Func<EngineContext, IDatastorePlugin> pluginFactory, IGuestLog log,
        TimeProvider? clock = null)
    {
        _configFile = new GuestConfigFile(configPath);
        _pluginFactory = pluginFactory;
        _log = log;
        _clock = clock ?? TimeProvider.System;
    }

    public static string Version { get; } =
        typeof(GuestAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Runs until <paramref name="stopping"/> is cancelled; throws only for a configuration it cannot use.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var config = _configFile.Load();
        var key = GuestConfigFile.KeyOf(config);
        var plugin = CreatePlugin(new EngineContext(config, _configFile.InstanceDirectory, _log));
        var state = new InstanceState(_configFile, config);
        var engine = new EngineControl(plugin, state, _log);
        _log.Info($"guest agent {Version} starting for instance {config.InstanceId} ({plugin.Manager} {config.DatastoreVersion})");

        // Engine work may outlast the stop request by the grace period, so it has its own token.
        using var operations = new CancellationTokenSource();
        var bootStart = Task.Run(() => StartEngineOnBootAsync(engine, operations.Token), CancellationToken.None);

        await using var connection = new GuestConnection(config, _log);
        try
        {
            await connection.ConnectAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _log.Info("stopped before reaching RabbitMQ");
            await FinishAsync(bootStart, operations);
            return;
        }

        var publisher = new SealedPublisher(connection, config.InstanceId, key, _clock);
        var fault = (plugin as MissingPlugin)?.Reason;
        var heartbeat = new HeartbeatLoop(new ServiceStatusProbe(plugin, state, _log, fault), publisher,
            TimeSpan.FromSeconds(config.HeartbeatSeconds), _log);
        engine.Changed += heartbeat.Kick;
        state.Changed += heartbeat.Kick;
        connection.Recovered += () =>
        {
            heartbeat.Kick();
            return Task.CompletedTask;
        };
        var heartbeats = heartbeat.RunAsync(stopping);

        var dispatcher = new RpcDispatcher(config.InstanceId, key, new GuestRpcMethods(engine, state, Version), publisher, _log);
        connection.StartConsuming(message => Track(dispatcher.HandleAsync(message, operations.Token)));

        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
        }
        _log.Info("stopping: no new calls; the engine keeps running");
        await connection.StopConsumingAsync();
        await heartbeats;
        await FinishAsync(bootStart, operations);
        _log.Info("guest agent stopped");
    }

    IDatastorePlugin CreatePlugin(EngineContext context)
    {
        try
        {
            return _pluginFactory(context);
        }
        catch (NotSupportedException exception)
        {
            _log.Error($"cannot serve this instance: {exception.Message}");
            return new MissingPlugin(context.Config.Manager, exception.Message);
        }
    }

    async Task StartEngineOnBootAsync(EngineControl engine, CancellationToken cancellationToken)
    {
        try
        {
            await engine.StartOnBootAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Logged by EngineControl; the heartbeat's probe tells the control plane the engine is not running.
        }
    }

    void Track(Task call)
    {
        var id = Interlocked.Increment(ref _nextCall);
        _callsInFlight[id] = call;
        call.ContinueWith(_ => _callsInFlight.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    /// <summary>Lets calls in flight finish and answer within the grace period, then interrupts what is left.</summary>
    async Task FinishAsync(Task bootStart, CancellationTokenSource operations)
    {
        var pending = _callsInFlight.Values.Append(bootStart).ToArray();
        try
        {
            await Task.WhenAll(pending).WaitAsync(ShutdownGrace);
        }
        catch (TimeoutException)
        {
            _log.Warn($"{pending.Count(task => !task.IsCompleted)} operation(s) still running after {ShutdownGrace.TotalSeconds:0} s: interrupting them");
            operations.Cancel();
            await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(2)));
        }
        catch (Exception)
        {
            // Each call already answered or logged its own failure.
        }
    }
}
