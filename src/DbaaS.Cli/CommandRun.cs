using System.CommandLine;
using DbaaS.Cli.Auth;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli;

/// <summary>What one command invocation works with: its parsed arguments, the APIs, and where to print.</summary>
internal sealed class CommandRun(
    ParseResult parse, ApiSession session, ResultPrinter output, TextWriter progress, TextReader stdin, TimeProvider time,
    CancellationToken cancellation)
{
    public ParseResult Parse { get; } = parse;

    public ResultPrinter Output { get; } = output;

    /// <summary>Where running commentary goes (stderr), so stdout stays the result alone, parseable with <c>-f json</c>.</summary>
    public TextWriter Progress { get; } = progress;

    /// <summary>Where <c>--password-stdin</c> and the like read from.</summary>
    public TextReader Stdin { get; } = stdin;

    public TimeProvider Time { get; } = time;

    public CancellationToken Cancellation { get; } = cancellation;

    public T Value<T>(Argument<T> argument) => Parse.GetRequiredValue(argument);

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public Task<ApiClient> DatabaseAsync() => session.DatabaseAsync(Cancellation);

    public Task<ApiClient> IdentityAsync() => session.IdentityAsync(Cancellation);
}
