using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Identity;

/// <summary>Resolves a project given by ID or name; an exact ID match wins over a project that happens to be named like an ID.</summary>
internal static class ProjectLookup
{
    public static async Task<JsonObject> FindAsync(ApiClient identity, string idOrName, CancellationToken cancellation)
    {
        var projects = (await identity.GetAsync("projects", cancellation)).ListIn("projects").Objects().ToList();
        return projects.FirstOrDefault(project => project.Text("id") == idOrName)
            ?? NameMatch.Single(projects, idOrName, "project")
            ?? throw new CliError($"No project with a name or ID of '{idOrName}' exists.");
    }
}
