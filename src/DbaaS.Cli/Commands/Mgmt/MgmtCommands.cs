using System.CommandLine;
using DbaaS.Cli.Commands.Instances;
using DbaaS.Cli.Commands.Root;

namespace DbaaS.Cli.Commands.Mgmt;

/// <summary><c>dbaas mgmt …</c> (admin): Trove's management API, one subgroup per resource.</summary>
internal static class MgmtCommands
{
    public static Command Create(CommandRunner runner) =>
        new("mgmt", "Management API across projects (admin)") { MgmtInstanceCommands.Create(runner), MgmtRootCommands.Create(runner) };
}
