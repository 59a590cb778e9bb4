using System.Diagnostics;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.EndToEndTests;

/// <summary>
/// A DbaaS.Server process of its own (here: a taskmanager), so a test can SIGKILL it mid-workflow. It shares the
/// test app's database, broker virtual host and instance state directory. Output goes to a log file in the state dir.
/// </summary>
public sealed class ExternalServer : IDisposable
{
    readonly Process _process;

    ExternalServer(Process process) => _process = process;

    public static ExternalServer Start(DbaaSApp app, string stateDirectory, string role)
    {
        var server = Path.Combine(TestEnvironment.RepoRoot, "src", "DbaaS.Server", "bin", "Release", "net10.0", "DbaaS.Server.dll");
        if (!File.Exists(server)) throw new InvalidOperationException($"{server} is not built; build the solution in Release.");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = false };
        foreach (var arg in new[] { server, "--role", role, "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(arg);
        var settings = new Dictionary<string, string?>(ProcessServersApp.SettingsFor(stateDirectory))
        {
            ["ConnectionStrings:Dbaas"] = app.Database.ConnectionString,
            ["Identity:AdminPassword"] = DbaaSApp.AdminPassword,
            ["Identity:DemoPassword"] = DbaaSApp.DemoPassword,
            ["Messaging:RabbitMq:VirtualHost"] = app.Vhost.Name,
            ["GuestKeys:EncryptionKey"] = DbaaSApp.GuestKeyEncryptionKey,
        };
        foreach (var (key, value) in TestEnvironment.Messaging) settings.TryAdd(key, value);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var log = Path.Combine(stateDirectory, $"{role}-{Guid.NewGuid():N}.log");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ExternalServer(process);
    }

    /// <summary>SIGKILL: no shutdown hooks run, unacknowledged messages go back to the queue.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
