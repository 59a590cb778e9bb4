namespace DbaaS.Cli.Auth;

/// <summary>The user has not said who they are or where the API is; exits 2 like other calling mistakes.</summary>
internal sealed class MissingCredentialsException(string message) : CliError(message, ExitCodes.Usage);
