using System.CommandLine;
using System.CommandLine.Invocation;
using DbaaS.Cli.Auth;
using DbaaS.Cli.Commands.Databases;
using DbaaS.Cli.Commands.Datastores;
using DbaaS.Cli.Commands.Flavors;
using DbaaS.Cli.Commands.Identity;
using DbaaS.Cli.Commands.Instances;
using DbaaS.Cli.Commands.Limits;
using DbaaS.Cli.Commands.Mgmt;
using DbaaS.Cli.Commands.Quotas;
using DbaaS.Cli.Commands.Root;
using DbaaS.Cli.Commands.Users;
using DbaaS.Cli.Output;

namespace DbaaS.Cli;

/// <summary>The <c>dbaas</c> command line: a client for the DbaaS (OpenStack Trove-compatible) REST API.</summary>
public static class CliApp
{
    private const string Description =
        "dbaas: command-line client for the DbaaS database service (OpenStack Trove compatible).\n" +
        "Credentials come from the same OS_* variables as the openstack CLI, or the --os-* flags,\n" +
        "which win. Without OS_TOKEN it logs in to Keystone at OS_AUTH_URL; with OS_TOKEN it uses\n" +
        "the database API at OS_ENDPOINT directly.";

    /// <param name="environment">The variables to read OS_* settings from; null means none (callers pass the process environment explicitly).</param>
    /// <param name="handler">Where HTTP requests go; null means the network. Tests pass a fake server here.</param>
    /// <param name="time">The clock <c>--wait</c> polls by; null means the system clock. Tests pass one that needs no real waiting.</param>
    /// <param name="stdin">Where <c>--password-stdin</c> reads from; null means empty input.</param>
    /// <returns>0 on success, 1 when the API or network fails, 2 for usage errors and missing credentials.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? environment = null,
        HttpMessageHandler? handler = null,
        TimeProvider? time = null,
        TextReader? stdin = null)
    {
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        var root = new RootCommand(Description);
        var runner = new CommandRunner(
            CredentialFlags.ShownOn(root), variables, http, stdout, stderr, stdin ?? TextReader.Null, TerminalStyle.For(stdout, variables), time ?? TimeProvider.System);

        root.Subcommands.Add(FlavorCommands.Create(runner));
        root.Subcommands.Add(DatastoreCommands.Create(runner));
        root.Subcommands.Add(LimitCommands.Create(runner));
        root.Subcommands.Add(QuotaCommands.Create(runner));
        root.Subcommands.Add(IdentityCommands.Create(runner));
        root.Subcommands.Add(IdentityCommands.OldProjectSpelling(runner));
        root.Subcommands.Add(InstanceCommands.Create(runner));
        root.Subcommands.Add(DatabaseCommands.Create(runner));
        root.Subcommands.Add(UserCommands.Create(runner));
        root.Subcommands.Add(RootCommands.Create(runner));
        root.Subcommands.Add(MgmtCommands.Create(runner));

        var parse = root.Parse(args);
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        // System.CommandLine exits 1 on a parse error; scripts should be able to tell "called wrong" from "the API failed".
        return parse.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
