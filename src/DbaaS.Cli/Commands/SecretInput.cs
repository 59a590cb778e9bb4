using System.CommandLine;
using System.CommandLine.Parsing;

namespace DbaaS.Cli.Commands;

/// <summary>
/// A password a command needs, given on the command line or, with <c>--…-stdin</c>, read from the first line of
/// standard input, so it can stay out of argv (visible in <c>ps</c>) and the shell's history. Giving both is a
/// usage error, caught before anything is sent. Nothing here ever prints the secret.
/// </summary>
internal sealed class SecretInput
{
    private readonly Symbol _onCommandLine;
    private readonly Func<ParseResult, string?> _readCommandLine;
    private readonly bool _required;

    private SecretInput(Symbol onCommandLine, Func<ParseResult, string?> readCommandLine, string stdinFlag, string what, bool required)
    {
        _onCommandLine = onCommandLine;
        _readCommandLine = readCommandLine;
        _required = required;
        FromStdin = new Option<bool>(stdinFlag) { Description = $"Read {what} from the first line of standard input instead" };
    }

    public Option<bool> FromStdin { get; }

    /// <summary>The secret as an optional positional argument (e.g. <c>user create … [password]</c>).</summary>
    public static SecretInput Argument(Argument<string?> argument, string stdinFlag, string what, bool required) =>
        new(argument, parse => parse.GetValue(argument), stdinFlag, what, required);

    /// <summary>The secret as an option (e.g. <c>--password</c>).</summary>
    public static SecretInput Option(Option<string> option, string stdinFlag, string what, bool required) =>
        new(option, parse => parse.GetValue(option), stdinFlag, what, required);

    /// <summary>Adds the stdin flag and the one-way-only check; the command-line argument or option is the caller's to add.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(FromStdin);
        command.Validators.Add(result =>
        {
            var onCommandLine = GivenOnCommandLine(result);
            var fromStdin = result.GetResult(FromStdin) is OptionResult flag && flag.GetValueOrDefault<bool>();
            if (onCommandLine && fromStdin)
            {
                result.AddError($"Give {CommandLineName} or {FromStdin.Name}, not both.");
            }
            else if (_required && !onCommandLine && !fromStdin)
            {
                result.AddError($"Give {CommandLineName}, or {FromStdin.Name} to read it from standard input.");
            }
        });
    }

    /// <summary>The secret, or null when it was optional and not given.</summary>
    public async Task<string?> ReadAsync(CommandRun run)
    {
        if (!run.Value(FromStdin))
        {
            return _readCommandLine(run.Parse);
        }
        var line = await run.Stdin.ReadLineAsync(run.Cancellation);
        return line is { Length: > 0 }
            ? line
            : throw new CliError($"{FromStdin.Name} found no password on the first line of standard input.", ExitCodes.Usage);
    }

    private bool GivenOnCommandLine(CommandResult result)
    {
        SymbolResult? given = _onCommandLine switch
        {
            Argument argument => result.GetResult(argument),
            Option option => result.GetResult(option),
            _ => null,
        };
        return given is { Tokens.Count: > 0 };
    }

    private string CommandLineName => _onCommandLine is Option option ? option.Name : $"<{_onCommandLine.Name}>";
}
