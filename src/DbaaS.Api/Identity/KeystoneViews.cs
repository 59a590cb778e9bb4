using System.Globalization;
using DbaaS.Api.Http;
using DbaaS.Core.Identity;

namespace DbaaS.Api.Identity;

/// <summary>Keystone v3's wire shapes: enough of them for keystoneauth, openstackclient and troveclient.</summary>
public static class KeystoneViews
{
    private static readonly object DefaultDomain = new { id = IdentityDefaults.DomainId, name = IdentityDefaults.DomainName };

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static object Version(string baseUrl) => new
    {
        version = new Dictionary<string, object>
        {
            ["id"] = "v3.14",
            ["status"] = "stable",
            ["updated"] = "2020-04-07T00:00:00Z",
            ["links"] = new[] { new Link($"{baseUrl}/v3/", "self") },
            ["media-types"] = new[] { new { @base = "application/json", type = "application/vnd.openstack.identity-v3+json" } },
        },
    };

    public static object Token(AuthContext caller, DateTimeOffset issuedAt, string baseUrl, string region, bool withCatalog)
    {
        var token = new Dictionary<string, object?>
        {
            ["methods"] = new[] { "password" },
            ["user"] = new { id = caller.UserId, name = caller.UserName, domain = DefaultDomain, password_expires_at = (string?)null },
            ["audit_ids"] = Array.Empty<string>(),
            ["expires_at"] = Timestamp(caller.ExpiresAt),
            ["issued_at"] = Timestamp(issuedAt),
            ["project"] = new { id = caller.ProjectId, name = caller.ProjectName, domain = DefaultDomain },
            ["is_domain"] = false,
            ["roles"] = caller.Roles.Select(r => new { id = r, name = r }).ToArray(),
        };
        if (withCatalog) token["catalog"] = Catalog(caller.ProjectId, baseUrl, region);
        return new { token };
    }

    /// <summary>Where clients find the database service: Trove's <c>/v1.0/{project_id}</c> under this server.</summary>
    public static object[] Catalog(string projectId, string baseUrl, string region) =>
    [
        Service("database", "trove", $"{baseUrl}/v1.0/{projectId}", region),
        Service("identity", "keystone", $"{baseUrl}/v3", region),
    ];

    private static object Service(string type, string name, string url, string region) => new
    {
        id = type,
        type,
        name,
        endpoints = new[] { "public", "internal", "admin" }.Select(face => new
        {
            id = $"{type}-{face}",
            @interface = face,
            region,
            region_id = region,
            url,
        }).ToArray(),
    };

    // openstackclient reads "links" off every identity resource; Keystone gives each a self link.
    public static object Project(Project p, string baseUrl) => new
    {
        id = p.Id, links = new { self = $"{baseUrl}/v3/projects/{p.Id}" }, name = p.Name, domain_id = p.DomainId, description = p.Description, enabled = p.Enabled,
        is_domain = false, parent_id = p.DomainId, tags = Array.Empty<string>(),
    };

    public static object User(User u, string baseUrl) => new
    {
        id = u.Id, links = new { self = $"{baseUrl}/v3/users/{u.Id}" }, name = u.Name, domain_id = u.DomainId, default_project_id = u.DefaultProjectId, enabled = u.Enabled,
        password_expires_at = (string?)null,
    };

    public static object Role(string role, string baseUrl) =>
        new { id = role, name = role, domain_id = (string?)null, links = new { self = $"{baseUrl}/v3/roles/{role}" } };
}
