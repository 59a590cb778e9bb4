using System.CommandLine;
using DbaaS.Cli.Auth;
using DbaaS.Cli.Output;

namespace DbaaS.Cli;

/// <summary>
/// Wires a command's work to System.CommandLine and turns every <see cref="CliError"/> into one
/// <c>ERROR: …</c> line on stderr plus its exit code, so commands only say what they call and print.
/// </summary>
internal sealed class CommandRunner(
    CredentialFlags rootFlags,
    IReadOnlyDictionary<string, string?> environment,
    HttpClient http,
    TextWriter stdout,
    TextWriter stderr,
    TextReader stdin,
    TerminalStyle terminal,
    TimeProvider time)
{
    public void Handle(Command command, Func<CommandRun, Task> work) => Handle(command, new OutputOptions(), work);

    public void Handle(Command command, OutputOptions output, Func<CommandRun, Task> work)
    {
        output.AddTo(command);
        var leafFlags = CredentialFlags.HiddenOn(command);
        command.SetAction((parse, cancellation) => RunAsync(parse, leafFlags, output, work, cancellation));
    }

    private async Task<int> RunAsync(
        ParseResult parse, CredentialFlags leafFlags, OutputOptions output, Func<CommandRun, Task> work, CancellationToken cancellation)
    {
        try
        {
            var session = new ApiSession(ReadCredentials(parse, leafFlags), http);
            var printer = new ResultPrinter(stdout, terminal, output.FormatIn(parse), output.ColumnsIn(parse));
            await work(new CommandRun(parse, session, printer, stderr, stdin, time, cancellation));
            return ExitCodes.Success;
        }
        catch (CliError error)
        {
            await stderr.WriteLineAsync($"ERROR: {error.Describe()}");
            return error.ExitCode;
        }
    }

    // A flag after the subcommand beats one before it, and any flag beats the environment.
    private OpenStackCredentials ReadCredentials(ParseResult parse, CredentialFlags leafFlags) =>
        OpenStackCredentials.Resolve(setting =>
            leafFlags.ValueIn(parse, setting)
            ?? rootFlags.ValueIn(parse, setting)
            ?? (environment.GetValueOrDefault(setting.Variable) is { Length: > 0 } value ? value : null));
}
