using System.Text.Json.Nodes;

namespace DbaaS.Cli.Auth;

/// <summary>The wire shape of a Keystone v3 password login, scoped to one project.</summary>
internal static class KeystoneLoginRequest
{
    public static JsonObject For(OpenStackCredentials credentials) => new()
    {
        ["auth"] = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject
                {
                    ["user"] = new JsonObject
                    {
                        ["name"] = credentials.Username,
                        ["domain"] = credentials.UserDomain.ToJson(),
                        ["password"] = credentials.Password,
                    },
                },
            },
            ["scope"] = new JsonObject { ["project"] = ProjectScope(credentials) },
        },
    };

    // A project ID is unique across domains, so Keystone needs no domain with it.
    private static JsonObject ProjectScope(OpenStackCredentials credentials) => credentials.ProjectId is not null
        ? new JsonObject { ["id"] = credentials.ProjectId }
        : new JsonObject { ["name"] = credentials.ProjectName, ["domain"] = credentials.ProjectDomain.ToJson() };
}
