using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.EndToEndTests;

/// <summary>
/// A RabbitMQ node of the test's own (infra-facts §2): its own ports, Erlang cookie, epmd and mnesia in a temporary
/// directory, so a test may stop and start it again while other tests keep using the shared node. Stopping keeps the
/// mnesia (users, virtual hosts, durable exchanges and queues survive a restart); disposing removes everything.
/// </summary>
public sealed class PrivateRabbitNode : IAsyncDisposable
{
    const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    const string Epmd = "/usr/bin/epmd";
    const int FirstBasePort = 25800;
    const int LastBasePort = 25980;
    // BP: AMQP, BP+1: distribution, BP+2: epmd, BP+3: management, BP+10..BP+19: the CLI tools' distribution ports.
    const int PortsPerNode = 20;
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    readonly string _directory;
    readonly FileStream _portClaim;
    readonly string _nodeName = $"dbaas-test-{Guid.NewGuid():N}"[..24];
    Process? _server;
    int? _beam;
    StreamWriter? _stdout;

    PrivateRabbitNode(string directory, int basePort, FileStream portClaim)
    {
        _directory = directory;
        _portClaim = portClaim;
        BasePort = basePort;
        Endpoint = new BrokerEndpoint("127.0.0.1", basePort, basePort + 3, "dbaas-test-admin",
            Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
    }

    public int BasePort { get; }

    /// <summary>The node's address and its administrator (created at first boot, kept across restarts).</summary>
    public BrokerEndpoint Endpoint { get; }

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>Starts a fresh node on free ports and returns once it accepts AMQP connections and management calls.</summary>
    public static async Task<PrivateRabbitNode> StartAsync()
    {
        if (!File.Exists(ServerScript)) throw new InvalidOperationException($"RabbitMQ is not installed ({ServerScript} is missing).");
        var (basePort, claim) = ClaimFreePorts();
        var node = new PrivateRabbitNode(Directory.CreateTempSubdirectory("dbaas-rabbit-").FullName, basePort, claim);
        try
        {
            node.WriteConfiguration();
            await node.LaunchAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Clean shutdown (SIGTERM to the Erlang VM, as an operator's restart would do); the mnesia stays.</summary>
    public async Task StopAsync()
    {
        if (_server is not { } server) return;
        var beam = _beam ?? ReadBeamPid() ?? throw new InvalidOperationException("the node's pid file is missing");
        Signals.Send(beam, Signals.Terminate);
        using var deadline = new CancellationTokenSource(StopTimeout);
        try
        {
            await server.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"RabbitMQ node {_nodeName} did not stop within {StopTimeout.TotalSeconds:0} s.\n{LogTail()}");
        }
        await ForgetServerAsync();
        await KillEpmdAsync();
    }

    /// <summary>Starts the stopped node again on the same ports and mnesia.</summary>
    public Task StartAgainAsync() => IsRunning ? Task.CompletedTask : LaunchAsync();

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    /// <summary>The end of the node's log, for failure messages.</summary>
    public string LogTail(int lines = 40)
    {
        var logs = Directory.Exists(Path.Combine(_directory, "log"))
            ? Directory.GetFiles(Path.Combine(_directory, "log"), "*.log").Append(Path.Combine(_directory, "stdout.log"))
            : [Path.Combine(_directory, "stdout.log")];
        return string.Join('\n', logs.Where(File.Exists).Select(file =>
        {
            try
            {
                return $"== {Path.GetFileName(file)}\n{string.Join('\n', ReadShared(file).Split('\n').TakeLast(lines))}";
            }
            catch (IOException exception)
            {
                return $"== {Path.GetFileName(file)}: {exception.Message}";
            }
        }));
    }

    async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(ServerScript);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal) || k.StartsWith("ERL_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in Environment()) start.Environment[key] = value;

        _stdout = new StreamWriter(Path.Combine(_directory, "stdout.log"), append: true) { AutoFlush = true };
        var server = Process.Start(start) ?? throw new InvalidOperationException("could not start rabbitmq-server");
        server.StandardInput.Close();
        server.OutputDataReceived += (_, line) => WriteOutput(line.Data);
        server.ErrorDataReceived += (_, line) => WriteOutput(line.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _server = server;
        _beam = null;
        await WaitUntilReadyAsync(server);
        _beam = ReadBeamPid();
    }

    void WriteOutput(string? line)
    {
        if (line is null) return;
        try
        {
            lock (_directory) _stdout?.WriteLine(line);
        }
        catch (ObjectDisposedException)
        {
            // The node is being torn down.
        }
    }

    async Task WaitUntilReadyAsync(Process server)
    {
        using var http = Endpoint.ManagementClient();
        http.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
                throw new InvalidOperationException($"RabbitMQ node {_nodeName} exited with {server.ExitCode} while starting.\n{LogTail()}");
            // Management answers once the broker and its plugins run; the AMQP listener is checked too, it opens apart.
            if (await ManagementAnswersAsync(http) && await AcceptsAsync(BasePort)) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"RabbitMQ node {_nodeName} was not ready within {StartTimeout.TotalSeconds:0} s.\n{LogTail()}");
    }

    static async Task<bool> ManagementAnswersAsync(HttpClient http)
    {
        try
        {
            using var answer = await http.GetAsync("overview");
            return answer.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    static async Task<bool> AcceptsAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    Dictionary<string, string> Environment() => new()
    {
        // The Erlang cookie lands in $HOME: this node's own, not the shared /var/lib/rabbitmq one.
        ["HOME"] = _directory,
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
        ["RABBITMQ_NODENAME"] = $"{_nodeName}@localhost",
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Port(0),
        ["RABBITMQ_DIST_PORT"] = Port(1),
        ["ERL_EPMD_PORT"] = Port(2),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_CTL_DIST_PORT_MIN"] = Port(10),
        ["RABBITMQ_CTL_DIST_PORT_MAX"] = Port(19),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "rabbit.pid"),
    };

    string Port(int offset) => (BasePort + offset).ToString(CultureInfo.InvariantCulture);

    void WriteConfiguration()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_directory, "log"));
        File.WriteAllText(Path.Combine(_directory, "rabbitmq-env.conf"), "");
        File.WriteAllText(Path.Combine(_directory, "advanced.config"), "[].\n");
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[rabbitmq_management].\n");
        // The administrator is created at first boot (no guest account at all); the mnesia keeps it across restarts.
        var config = Path.Combine(_directory, "rabbitmq.conf");
        File.WriteAllText(config, $"""
            listeners.tcp.default = 127.0.0.1:{BasePort}
            management.tcp.port = {BasePort + 3}
            management.tcp.ip = 127.0.0.1
            loopback_users = none
            log.console = false
            default_vhost = /
            default_user = {Endpoint.Username}
            default_pass = {Endpoint.Password}
            default_user_tags.administrator = true
            default_permissions.configure = .*
            default_permissions.read = .*
            default_permissions.write = .*

            """);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    int? ReadBeamPid()
    {
        var file = Path.Combine(_directory, "rabbit.pid");
        try
        {
            return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    async Task ForgetServerAsync()
    {
        _server?.Dispose();
        _server = null;
        _beam = null;
        if (_stdout is { } stdout)
        {
            lock (_directory) _stdout = null;
            await stdout.DisposeAsync();
        }
    }

    /// <summary>epmd daemonises itself and outlives the node: stop the one on this node's private port.</summary>
    async Task KillEpmdAsync()
    {
        if (!File.Exists(Epmd)) return;
        var start = new ProcessStartInfo(Epmd) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-kill");
        start.Environment["ERL_EPMD_PORT"] = Port(2);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        using var epmd = Process.Start(start)!;
        _ = await epmd.StandardOutput.ReadToEndAsync();
        _ = await epmd.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await epmd.WaitForExitAsync(deadline.Token);
    }

    /// <summary>
    /// A base port whose whole block is free, held by an exclusive lock file so that parallel test processes using
    /// this class never pick the same block (even while a node of theirs is stopped for a restart).
    /// </summary>
    static (int BasePort, FileStream Claim) ClaimFreePorts()
    {
        var blocks = (LastBasePort - FirstBasePort) / PortsPerNode + 1;
        var first = Random.Shared.Next(blocks);
        for (var i = 0; i < blocks; i++)
        {
            var basePort = FirstBasePort + (first + i) % blocks * PortsPerNode;
            FileStream claim;
            try
            {
                claim = new FileStream(Path.Combine(Path.GetTempPath(), $"dbaas-rabbit-ports-{basePort}.lock"), FileMode.OpenOrCreate,
                    FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                continue;
            }
            if (Enumerable.Range(basePort, PortsPerNode).All(IsFree)) return (basePort, claim);
            claim.Dispose();
        }
        throw new InvalidOperationException($"No free block of {PortsPerNode} ports between {FirstBasePort} and {LastBasePort + PortsPerNode - 1}.");
    }

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Whatever happened, nothing of the node is left: no VM, no epmd, no directory, no port claim.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            try
            {
                await StopAsync();
            }
            catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
            {
                if ((_beam ?? ReadBeamPid()) is { } beam) Signals.Send(beam, Signals.Kill);
                try
                {
                    server.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
                await server.WaitForExitAsync();
                await ForgetServerAsync();
            }
        }
        await KillEpmdAsync();
        // The VM's command line names its mnesia directory: anything still naming ours is a leftover.
        foreach (var pid in GuestProcesses.WithCommandLineContaining(_directory)) Signals.Send(pid, Signals.Kill);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a log file still held open by a dying VM.
        }
        await _portClaim.DisposeAsync();
    }
}
