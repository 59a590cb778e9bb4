using DbaaS.Cli;

namespace DbaaS.Tests.Cli;

/// <summary>What one CLI run produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>
/// Runs <see cref="CliApp"/> in-process against a <see cref="FakeDbaaSServer"/>, capturing stdout and stderr.
/// Every run gets a <see cref="FakeClock"/> unless given a clock, so <c>--wait</c> never sleeps in tests.
/// </summary>
public static class DbaaSCli
{
    /// <summary>A complete password login, as an openrc file would export it.</summary>
    public static Dictionary<string, string?> PasswordEnvironment() => new()
    {
        ["OS_AUTH_URL"] = FakeDbaaSServer.AuthUrl,
        ["OS_USERNAME"] = "alice",
        ["OS_PASSWORD"] = "s3cret",
        ["OS_PROJECT_NAME"] = "demo",
        ["OS_USER_DOMAIN_NAME"] = "Default",
        ["OS_PROJECT_DOMAIN_NAME"] = "Default",
    };

    public static Task<CliResult> RunAsync(FakeDbaaSServer server, params string[] args) =>
        RunAsync(server, PasswordEnvironment(), args);

    public static Task<CliResult> RunAsync(FakeDbaaSServer server, IDictionary<string, string?> environment, params string[] args) =>
        RunAsync(server, environment, new FakeClock(), args);

    public static Task<CliResult> RunAsync(FakeDbaaSServer server, TimeProvider clock, params string[] args) =>
        RunAsync(server, PasswordEnvironment(), clock, args);

    public static Task<CliResult> RunAsync(
        FakeDbaaSServer server, IDictionary<string, string?> environment, TimeProvider clock, params string[] args) =>
        RunAsync(server, environment, clock, stdin: "", args);

    /// <summary>A run whose standard input holds <paramref name="stdin"/>, for <c>--password-stdin</c>.</summary>
    public static Task<CliResult> RunWithStdinAsync(FakeDbaaSServer server, string stdin, params string[] args) =>
        RunAsync(server, PasswordEnvironment(), new FakeClock(), stdin, args);

    private static async Task<CliResult> RunAsync(
        FakeDbaaSServer server, IDictionary<string, string?> environment, TimeProvider clock, string stdin, string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, environment, server, clock, input);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
