using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.EndToEndTests;

/// <summary>
/// The whole system as the README's first command runs it: all roles, the process compute driver, the real guest
/// agent (published by scripts/test.sh, or the build output otherwise) and real engines, over a private state
/// directory. Heartbeats are fast and the deadline short so failures show within seconds.
/// </summary>
public sealed class ProcessServersApp : IAsyncLifetime
{
    public const int HeartbeatDeadlineSeconds = 4;

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("dbaas-e2e-").FullName;

    public DbaaSApp App { get; }

    public ProcessServersApp() => App = new DbaaSApp { Settings = SettingsFor(StateDirectory) };

    public static Dictionary<string, string?> SettingsFor(string stateDirectory) => new()
    {
        ["Compute:Driver"] = "process",
        ["Compute:Process:GuestAgentCommand"] = GuestAgentCommand(),
        ["Compute:Process:StateDirectory"] = stateDirectory,
        ["Compute:Process:HeartbeatSeconds"] = "1",
        ["Conductor:HeartbeatDeadlineSeconds"] = HeartbeatDeadlineSeconds.ToString(),
        ["Instances:BuildTimeoutSeconds"] = "90",
    };

    public string InstanceDirectory(string instanceId) => Path.Combine(StateDirectory, instanceId);

    public static string GuestAgentCommand()
    {
        var published = Environment.GetEnvironmentVariable("DBAAS_GUEST_AGENT");
        if (!string.IsNullOrEmpty(published) && File.Exists(published)) return published;
        var built = Path.Combine(TestEnvironment.RepoRoot, "guest-agent", "DbaaS.GuestAgent", "bin", "Release", "net10.0", "dbaas-guest-agent.dll");
        return File.Exists(built) ? built : throw new InvalidOperationException(
            "No guest agent: run the tests with scripts/test.sh (it publishes one) or build guest-agent/DbaaS.GuestAgent in Release.");
    }

    public Task InitializeAsync() => App.InitializeAsync();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        GuestProcesses.KillEverythingUnder(StateDirectory);
        try { Directory.Delete(StateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
