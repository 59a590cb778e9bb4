using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Tests.Infrastructure;

namespace DbaaS.GuestAgent.Tests;

/// <summary>The built <c>dbaas-guest-agent</c> as the compute driver runs it: a process with a config file.</summary>
public sealed class ExecutableTests
{
    const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    static readonly string AgentDll = Path.Combine(AppContext.BaseDirectory, "dbaas-guest-agent.dll");

    [Fact]
    public async Task The_executable_heartbeats_serves_calls_and_exits_0_on_SIGTERM()
    {
        // This branch's executable has no plugin for the manager: it must still come up and say so.
        await using var guest = await TestGuest.CreateAsync(manager: "no-such-engine");
        using var agent = new AgentProcess(AgentDll, ["--config", guest.ConfigPath]);

        var heartbeat = await guest.ControlPlane.NextHeartbeatAsync();
        var ping = await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);
        Assert.Equal(0, kill(agent.Process.Id, SigTerm));
        await agent.Process.WaitForExitAsync(new CancellationTokenSource(ControlPlane.Deadline).Token);

        Assert.Equal(GuestTopology.UserFor(guest.InstanceId), heartbeat.UserId);
        Assert.Equal(GuestServiceStatus.Failed, heartbeat.Heartbeat.ServiceStatus);
        Assert.Contains("no-such-engine", heartbeat.Heartbeat.Message);
        Assert.Null(ping.Reply.Error);
        Assert.Equal(0, agent.Process.ExitCode);
        var lines = agent.StandardError;
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("ts", out _));
            Assert.True(json.RootElement.TryGetProperty("level", out _));
            Assert.True(json.RootElement.TryGetProperty("msg", out _));
        });
        Assert.Contains(lines, line => line.Contains("first heartbeat sent"));
        Assert.Contains(lines, line => line.Contains("guest agent stopped"));
        Assert.DoesNotContain(lines, line => line.Contains(guest.Password) || line.Contains(Convert.ToBase64String(guest.Key)));
    }

    [Fact]
    public async Task The_executable_reads_its_config_path_from_DBAAS_GUEST_CONFIG()
    {
        await using var guest = await TestGuest.CreateAsync(manager: "no-such-engine");
        using var agent = new AgentProcess(AgentDll, [], ("DBAAS_GUEST_CONFIG", guest.ConfigPath));

        var heartbeat = await guest.ControlPlane.NextHeartbeatAsync();
        kill(agent.Process.Id, SigTerm);
        await agent.Process.WaitForExitAsync(new CancellationTokenSource(ControlPlane.Deadline).Token);

        Assert.Equal(guest.InstanceId, heartbeat.Envelope.InstanceId);
        Assert.Equal(0, agent.Process.ExitCode);
    }

    [Fact]
    public async Task The_executable_refuses_to_start_without_a_usable_config()
    {
        var directory = Directory.CreateTempSubdirectory("dbaas-guest-test-");
        try
        {
            var broken = Path.Combine(directory.FullName, GuestConfig.FileName);
            await File.WriteAllTextAsync(broken, """{"instance_id": "x", "key": "not base64"}""");

            using var withoutConfig = new AgentProcess(AgentDll, [], ("DBAAS_GUEST_CONFIG", ""));
            using var withBrokenConfig = new AgentProcess(AgentDll, ["--config", broken]);
            using var deadline = new CancellationTokenSource(ControlPlane.Deadline);
            await withoutConfig.Process.WaitForExitAsync(deadline.Token);
            await withBrokenConfig.Process.WaitForExitAsync(deadline.Token);

            Assert.Equal(64, withoutConfig.Process.ExitCode);
            Assert.Equal(78, withBrokenConfig.Process.ExitCode);
            Assert.Contains(withBrokenConfig.StandardError, line => line.Contains("cannot start"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The agent under <c>dotnet</c>, its stderr collected; killed on dispose if a test left it running.</summary>
    sealed class AgentProcess : IDisposable
    {
        readonly ConcurrentQueue<string> _stderr = new();

        public AgentProcess(string dll, string[] arguments, params (string Name, string Value)[] environment)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            foreach (var (name, value) in environment) start.Environment[name] = value;
            Process = Process.Start(start)!;
            Process.ErrorDataReceived += (_, line) =>
            {
                if (!string.IsNullOrEmpty(line.Data)) _stderr.Enqueue(line.Data);
            };
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        /// <summary>Complete once the process has exited (the reader drains before WaitForExit returns).</summary>
        public IReadOnlyList<string> StandardError => _stderr.ToArray();

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill();
            Process.Dispose();
        }
    }
}
