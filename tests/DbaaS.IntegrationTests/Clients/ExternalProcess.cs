using System.Diagnostics;

namespace DbaaS.IntegrationTests.Clients;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public void AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
    }
}

/// <summary>Runs a real client program (openstack, trove) with a clean environment: only what the test gives it.</summary>
public static class ExternalProcess
{
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var path = FindOnPath(program) ?? throw new InvalidOperationException(
            $"'{program}' is not installed. scripts/test.sh installs it (python3-openstackclient, python3-troveclient).");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        // A private HOME keeps any clouds.yaml or cache of the developer out of the test.
        var home = Directory.CreateTempSubdirectory("dbaas-client-").FullName;
        start.Environment["HOME"] = home;
        start.Environment["LANG"] = "C.UTF-8";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            // One per call: left behind, they pile up in /tmp by the hundred.
            try { Directory.Delete(home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? FindOnPath(string program) =>
        new[] { "/usr/local/bin", "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
