using System.Diagnostics;
using System.Text;

namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>
/// One run of an engine's own command-line tool. Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>
/// (never a shell); SQL and secrets go on standard input or in the environment, never in argv, where any local
/// user could read them in /proc.
/// </summary>
public sealed record CliCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public string? StandardInput { get; init; }
    /// <summary>Run as this OS user (we must be root); null runs as ourselves.</summary>
    public string? User { get; init; }
    public string? WorkingDirectory { get; init; }
    /// <summary>Added to a clean environment (<see cref="CliTool.CleanEnvironment"/>): nothing of the agent's leaks in.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Replaced by *** wherever the output of a failed run is shown.</summary>
    public IReadOnlyCollection<string> Secrets { get; init; } = [];

    public string Name => Path.GetFileName(FileName);
}

public sealed record CliResult(CliCommand Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <exception cref="EngineException">The tool failed; the message holds its redacted error output.</exception>
    public CliResult EnsureSuccess(string doing)
    {
        if (Succeeded) return this;
        var output = (StandardError.Trim().Length > 0 ? StandardError : StandardOutput).Trim();
        if (output.Length > 2000) output = "…" + output[^2000..];
        throw new EngineException($"{doing}: {Command.Name} exited with {ExitCode}: {CliTool.Redact(output, Command.Secrets)}");
    }
}

public static class CliTool
{
    /// <exception cref="EngineException">The tool could not be started or outlived its timeout (then it is killed).</exception>
    public static async Task<CliResult> RunAsync(CliCommand command, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in command.Arguments) startInfo.ArgumentList.Add(argument);
        if (command.User is not null) startInfo.UserName = command.User;
        if (command.WorkingDirectory is not null) startInfo.WorkingDirectory = command.WorkingDirectory;
        CleanEnvironment(startInfo, command.WorkingDirectory);
        foreach (var (name, value) in command.Environment) startInfo.Environment[name] = value;

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new EngineException($"could not run {command.Name}: {e.Message}", e);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(command.Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            try
            {
                if (command.StandardInput is not null) await process.StandardInput.WriteAsync(command.StandardInput.AsMemory(), timeout.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The tool exited without reading all its input; its exit code and stderr say why.
            }
            await process.WaitForExitAsync(timeout.Token);
            return new CliResult(command, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new EngineException($"{command.Name} did not finish within {command.Timeout.TotalSeconds:0} s and was killed");
        }
    }

    /// <summary>
    /// Only PATH, a UTF-8 locale and HOME: the agent's own variables (broker settings, a PGHOST or MYSQL_HOST left
    /// in the image) must neither change what a tool connects to nor be readable by an engine in /proc/self/environ.
    /// </summary>
    public static void CleanEnvironment(ProcessStartInfo startInfo, string? home)
    {
        var path = System.Environment.GetEnvironmentVariable("PATH");
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = string.IsNullOrEmpty(path) ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : path;
        startInfo.Environment["LANG"] = "C.UTF-8";
        startInfo.Environment["LC_ALL"] = "C.UTF-8";
        startInfo.Environment["HOME"] = home ?? "/";
    }

    public static string Redact(string text, IEnumerable<string> secrets) =>
        secrets.Where(s => s.Length > 0).Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal));
}
