using System.CommandLine;

namespace DbaaS.Cli.Commands.Identity;

/// <summary>
/// <c>dbaas identity project|user …</c> (admin): Keystone's projects and users. They live under <c>identity</c>
/// because <c>dbaas user</c> means the users inside a database instance, as in <c>openstack database user</c>.
/// </summary>
internal static class IdentityCommands
{
    public static Command Create(CommandRunner runner) =>
        new("identity", "Projects and users of the identity service (admin)")
        {
            ProjectCommands.Create(runner),
            IdentityUserCommands.Create(runner),
        };

    /// <summary>
    /// <c>dbaas project …</c>, the spelling from before <c>identity</c> existed, kept for scripts and hidden from
    /// help. <c>dbaas user</c> could not be kept the same way: it now names database users.
    /// </summary>
    public static Command OldProjectSpelling(CommandRunner runner)
    {
        var command = ProjectCommands.Create(runner);
        command.Hidden = true;
        return command;
    }
}
