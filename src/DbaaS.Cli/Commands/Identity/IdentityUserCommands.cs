using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Identity;

/// <summary><c>dbaas identity user create|list</c> (admin): Keystone users, at the identity URL.</summary>
internal static class IdentityUserCommands
{
    private static readonly IReadOnlyList<Column> ListColumns = [new("ID", "id"), new("Name", "name")];

    public static Command Create(CommandRunner runner) =>
        new("user", "Users in the identity service (admin)") { CreateUser(runner), List(runner) };

    private static Command CreateUser(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Name of the new user" };
        var password = new Option<string>("--password") { Description = "Password of the new user", HelpName = "password" };
        var secret = SecretInput.Option(password, "--password-stdin", "the password", required: true);
        var project = new Option<string>("--project") { Description = "Project (name or ID) the user joins", HelpName = "project", Required = true };
        var role = new Option<string>("--role") { Description = "Role in that project", HelpName = "admin|member|reader", DefaultValueFactory = _ => "member" };
        role.AcceptOnlyFromAmong(IdentityRoles.All);
        var command = new Command("create", "Create a user and give it a role in a project") { name, password, project, role };
        secret.AddTo(command);

        runner.Handle(command, async run =>
        {
            var newPassword = await secret.ReadAsync(run);
            var identity = await run.IdentityAsync();
            var home = await ProjectLookup.FindAsync(identity, run.Value(project)!, run.Cancellation);
            var projectId = home.Text("id")!;

            var request = new JsonObject
            {
                ["user"] = new JsonObject
                {
                    ["name"] = run.Value(name),
                    ["password"] = newPassword,
                    ["default_project_id"] = projectId,
                    ["domain_id"] = ProjectCommands.DomainId,
                    ["enabled"] = true,
                },
            };
            var user = (await identity.PostAsync("users", request, run.Cancellation)).ObjectIn("user");
            await IdentityRoles.GrantAsync(identity, user, projectId, run.Value(role)!, run.Cancellation);
            run.Output.PrintObject(user);
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List users");
        runner.Handle(command, async run =>
        {
            var identity = await run.IdentityAsync();
            var users = await identity.GetAsync("users", run.Cancellation);
            run.Output.PrintList(users.ListIn("users"), ListColumns);
        });
        return command;
    }
}
