using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Identity;

/// <summary><c>dbaas identity project create|list</c> (admin): Keystone projects, at the identity URL.</summary>
internal static class ProjectCommands
{
    /// <summary>Every project this CLI creates lives in the one domain the DbaaS identity service has.</summary>
    public const string DomainId = "default";

    private static readonly IReadOnlyList<Column> ListColumns = [new("ID", "id"), new("Name", "name")];

    public static Command Create(CommandRunner runner) =>
        new("project", "Projects (tenants) in the identity service (admin)") { CreateProject(runner), List(runner) };

    private static Command CreateProject(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Name of the new project" };
        var description = new Option<string>("--description") { Description = "What the project is for", HelpName = "text" };
        var command = new Command("create", "Create a project") { name, description };
        runner.Handle(command, async run =>
        {
            var project = new JsonObject { ["name"] = run.Value(name) };
            if (run.Value(description) is { } text)
            {
                project["description"] = text;
            }
            project["domain_id"] = DomainId;

            var identity = await run.IdentityAsync();
            var created = await identity.PostAsync("projects", new JsonObject { ["project"] = project }, run.Cancellation);
            run.Output.PrintObject(created.ObjectIn("project"));
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List projects");
        runner.Handle(command, async run =>
        {
            var identity = await run.IdentityAsync();
            var projects = await identity.GetAsync("projects", run.Cancellation);
            run.Output.PrintList(projects.ListIn("projects"), ListColumns);
        });
        return command;
    }
}
