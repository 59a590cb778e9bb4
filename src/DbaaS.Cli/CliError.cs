namespace DbaaS.Cli;

/// <summary>
/// A failure meant for the person at the terminal: the command runner prints it as
/// <c>ERROR: …</c> on stderr and exits with <see cref="ExitCode"/>. Anything else that escapes is a bug.
/// </summary>
internal class CliError(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public virtual string Describe() => Message;
}
