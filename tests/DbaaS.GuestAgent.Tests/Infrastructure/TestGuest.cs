using System.Security.Cryptography;
using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Tests.Infrastructure;

/// <summary>
/// One instance as the control plane would set it up: its own RabbitMQ user, queue and key, an instance directory
/// holding guest.json (0600) and a data directory. Disposing removes the user, the queue and the directories.
/// </summary>
public sealed class TestGuest : IAsyncDisposable
{
    readonly List<AgentRun> _runs = [];

    TestGuest(string instanceId, string password, byte[] key, string directory)
    {
        InstanceId = instanceId;
        Password = password;
        Key = key;
        Directory = directory;
    }

    public string InstanceId { get; }
    public string Password { get; }
    public byte[] Key { get; }
    public string Directory { get; }
    public string ConfigPath => Path.Combine(Directory, GuestConfig.FileName);
    public string DataDir => Path.Combine(Directory, "data");
    public FakeEngine Engine { get; } = new();
    public RecordingLog Log { get; } = new();
    public ControlPlane ControlPlane { get; private set; } = null!;

    public static async Task<TestGuest> CreateAsync(double heartbeatSeconds = 1, string manager = FakeEnginePlugin.ManagerName)
    {
        var guest = new TestGuest(Guid.NewGuid().ToString(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            EnvelopeSeal.NewKey(), System.IO.Directory.CreateTempSubdirectory("dbaas-guest-test-").FullName);
        System.IO.Directory.CreateDirectory(guest.DataDir);
        guest.WriteConfig(new GuestConfig
        {
            InstanceId = guest.InstanceId,
            Manager = manager,
            DatastoreVersion = "1.0",
            Rabbit = new GuestRabbitSettings
            {
                Host = TestEnvironment.RabbitHost,
                Port = TestEnvironment.RabbitPort,
                VirtualHost = TestEnvironment.RabbitVirtualHost,
                User = GuestTopology.UserFor(guest.InstanceId),
                Password = guest.Password,
            },
            Key = Convert.ToBase64String(guest.Key),
            DataDir = guest.DataDir,
            BindAddress = "127.0.0.1",
            Port = 0,
            MemoryMb = 512,
            VolumeSizeGb = 2,
            HeartbeatSeconds = heartbeatSeconds,
        });
        await RabbitAdmin.ProvisionGuestAsync(guest.InstanceId, guest.Password);
        guest.ControlPlane = await ControlPlane.CreateAsync(guest.InstanceId, guest.Key);
        return guest;
    }

    public GuestConfig ReadConfig() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(ConfigPath), GuestJson.Default.GuestConfig)!;

    void WriteConfig(GuestConfig config)
    {
        using var file = new FileStream(ConfigPath, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        JsonSerializer.Serialize(file, config, GuestJson.Default.GuestConfig);
    }

    /// <summary>Runs the agent in this process with the fake plugin (or <paramref name="plugin"/>).</summary>
    public AgentRun StartAgent(Func<EngineContext, IDatastorePlugin>? plugin = null)
    {
        var run = AgentRun.Start(ConfigPath, plugin ?? (context => new FakeEnginePlugin(context, Engine)), Log);
        _runs.Add(run);
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs) await run.DisposeAsync();
        if (ControlPlane is not null) await ControlPlane.DisposeAsync();
        await RabbitAdmin.RemoveGuestAsync(InstanceId);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>An in-process agent: <see cref="Agent.GuestAgent.RunAsync"/> on a background task, stopped as SIGTERM would.</summary>
public sealed class AgentRun : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();

    AgentRun(Task completion) => Completion = completion;

    public Task Completion { get; private set; }

    public static AgentRun Start(string configPath, Func<EngineContext, IDatastorePlugin> plugin, IGuestLog log)
    {
        var run = new AgentRun(Task.CompletedTask);
        var agent = new Agent.GuestAgent(configPath, plugin, log);
        run.Completion = Task.Run(() => agent.RunAsync(run._stop.Token));
        return run;
    }

    public async Task StopAsync()
    {
        _stop.Cancel();
        await Completion.WaitAsync(ControlPlane.Deadline);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            try
            {
                await StopAsync();
            }
            catch (Exception)
            {
                // The test already failed or asserted on this; cleanup goes on.
            }
        }
        _stop.Dispose();
    }
}
