using DbaaS.Cli.Http;

namespace DbaaS.Cli.Auth;

/// <summary>One credential the openstack CLI also knows: its <c>--os-*</c> flag and its <c>OS_*</c> variable. The flag wins.</summary>
internal sealed record CredentialSetting(string Flag, string Variable, string Description)
{
    public static readonly CredentialSetting AuthUrl = new("--os-auth-url", "OS_AUTH_URL", "Keystone v3 URL, e.g. http://host:5000/v3");
    public static readonly CredentialSetting Username = new("--os-username", "OS_USERNAME", "User name to log in with");
    public static readonly CredentialSetting Password = new("--os-password", "OS_PASSWORD", "Password to log in with");
    public static readonly CredentialSetting ProjectName = new("--os-project-name", "OS_PROJECT_NAME", "Project to work in");
    public static readonly CredentialSetting ProjectId = new("--os-project-id", "OS_PROJECT_ID", "Project to work in, by ID (wins over the name)");
    public static readonly CredentialSetting UserDomainName = new("--os-user-domain-name", "OS_USER_DOMAIN_NAME", "Domain of the user (default: Default)");
    public static readonly CredentialSetting UserDomainId = new("--os-user-domain-id", "OS_USER_DOMAIN_ID", "Domain of the user, by ID");
    public static readonly CredentialSetting ProjectDomainName = new("--os-project-domain-name", "OS_PROJECT_DOMAIN_NAME", "Domain of the project (default: Default)");
    public static readonly CredentialSetting ProjectDomainId = new("--os-project-domain-id", "OS_PROJECT_DOMAIN_ID", "Domain of the project, by ID");
    public static readonly CredentialSetting RegionName = new("--os-region-name", "OS_REGION_NAME", "Region whose database endpoint to use");
    public static readonly CredentialSetting Interface = new("--os-interface", "OS_INTERFACE", "Endpoint interface: public, internal or admin (default: public)");
    public static readonly CredentialSetting Token = new("--os-token", "OS_TOKEN", "Existing token: skips the login (needs --os-endpoint)");
    public static readonly CredentialSetting Endpoint = new("--os-endpoint", "OS_ENDPOINT", "Database endpoint to use with --os-token, e.g. http://host:8779/v1.0/<project_id>");

    public static readonly IReadOnlyList<CredentialSetting> All =
    [
        AuthUrl, Username, Password, ProjectName, ProjectId, UserDomainName, UserDomainId,
        ProjectDomainName, ProjectDomainId, RegionName, Interface, Token, Endpoint,
    ];

    public string Mention => $"{Variable} ({Flag})";

    public Uri ParseUrl(string value) => HttpUrl.TryParse(value, out var url)
        ? url
        : throw new CliError($"{Mention} must be an http(s) URL, got '{value}'.", ExitCodes.Usage);
}
