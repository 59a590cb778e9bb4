namespace DbaaS.Cli.Http;

/// <summary>The server answered with an error status; <see cref="CliError.Message"/> is the server's own words.</summary>
internal sealed class ApiException(int statusCode, string message) : CliError(message)
{
    public int StatusCode { get; } = statusCode;

    public override string Describe() => $"{Message} (HTTP {StatusCode})";
}
