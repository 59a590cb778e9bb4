using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Clients;

/// <summary>The OS_* variables the real trove and openstack clients log in with, for a user made by NewProjectUserAsync.</summary>
public static class OpenStackEnvironment
{
    /// <remarks>NewProjectUserAsync names the user u-&lt;suffix&gt;, its project p-&lt;suffix&gt;, its password password-&lt;suffix&gt;.</remarks>
    public static Dictionary<string, string> For(DbaaSApp app, Session session)
    {
        var suffix = session.UserName[2..];
        return new Dictionary<string, string>
        {
            ["OS_AUTH_URL"] = $"{app.BaseUrl}/v3",
            ["OS_USERNAME"] = session.UserName,
            ["OS_PASSWORD"] = "password-" + suffix,
            ["OS_PROJECT_NAME"] = "p-" + suffix,
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_PROJECT_DOMAIN_NAME"] = "Default",
            ["OS_IDENTITY_API_VERSION"] = "3",
        };
    }
}
