using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Identity;

/// <summary>The roles the DbaaS identity service knows. Their IDs equal their names, so no role lookup is needed.</summary>
internal static class IdentityRoles
{
    public static readonly string[] All = ["admin", "member", "reader"];

    public static async Task GrantAsync(ApiClient identity, JsonObject user, string projectId, string role, CancellationToken cancellation)
    {
        var userId = user.Text("id") ?? throw new CliError("The identity service created the user but returned no ID.");
        try
        {
            await identity.PutAsync(ApiPath.Of("projects", projectId, "users", userId, "roles", role), body: null, cancellation);
        }
        catch (ApiException refused)
        {
            // The user now exists without access; say so, or a retry would fail on the duplicate name without explanation.
            throw new ApiException(refused.StatusCode,
                $"User '{user.Text("name")}' ({userId}) was created, but the role '{role}' could not be granted: {refused.Message}");
        }
    }
}
