namespace DbaaS.Cli.Auth;

/// <summary>
/// Everything needed to reach the database and identity APIs, merged from flags and <c>OS_*</c> variables.
/// Two ways in, as with the openstack CLI: log in with a password, or bring a token and say where the API is.
/// </summary>
internal sealed record OpenStackCredentials(
    string? AuthUrl,
    string? Username,
    string? Password,
    string? ProjectName,
    string? ProjectId,
    DomainReference UserDomain,
    DomainReference ProjectDomain,
    string? RegionName,
    string Interface,
    string? Token,
    string? Endpoint)
{
    public const string DefaultInterface = "public";

    public bool UsesToken => Token is not null;

    /// <param name="lookup">Returns the value for a setting (flag first, then variable), or null when neither is set.</param>
    public static OpenStackCredentials Resolve(Func<CredentialSetting, string?> lookup) => new(
        AuthUrl: lookup(CredentialSetting.AuthUrl),
        Username: lookup(CredentialSetting.Username),
        Password: lookup(CredentialSetting.Password),
        ProjectName: lookup(CredentialSetting.ProjectName),
        ProjectId: lookup(CredentialSetting.ProjectId),
        UserDomain: new DomainReference(lookup(CredentialSetting.UserDomainId), lookup(CredentialSetting.UserDomainName)),
        ProjectDomain: new DomainReference(lookup(CredentialSetting.ProjectDomainId), lookup(CredentialSetting.ProjectDomainName)),
        RegionName: lookup(CredentialSetting.RegionName),
        Interface: lookup(CredentialSetting.Interface) ?? DefaultInterface,
        Token: lookup(CredentialSetting.Token),
        Endpoint: lookup(CredentialSetting.Endpoint));

    /// <summary>Database commands need a token plus the endpoint, or a full password login.</summary>
    public void RequireDatabaseAccess()
    {
        if (UsesToken)
        {
            Require(Endpoint, CredentialSetting.Endpoint, "a token needs the database endpoint it is for");
            return;
        }
        RequirePasswordLogin();
    }

    /// <summary>Identity (admin) commands always talk to the auth URL, with a token or after a password login.</summary>
    public void RequireIdentityAccess()
    {
        if (UsesToken)
        {
            Require(AuthUrl, CredentialSetting.AuthUrl, "identity commands talk to Keystone at that URL");
            return;
        }
        RequirePasswordLogin();
    }

    private void RequirePasswordLogin()
    {
        var missing = new List<string>();
        AddIfMissing(missing, AuthUrl, CredentialSetting.AuthUrl.Mention);
        AddIfMissing(missing, Username, CredentialSetting.Username.Mention);
        AddIfMissing(missing, Password, CredentialSetting.Password.Mention);
        AddIfMissing(missing, ProjectName ?? ProjectId,
            $"{CredentialSetting.ProjectName.Mention} or {CredentialSetting.ProjectId.Mention}");
        if (missing.Count > 0)
        {
            throw new MissingCredentialsException(
                $"Missing credentials: {string.Join(", ", missing)}. Log in with OS_AUTH_URL, OS_USERNAME, OS_PASSWORD " +
                "and OS_PROJECT_NAME (or OS_PROJECT_ID), or use OS_TOKEN with OS_ENDPOINT.");
        }
    }

    private static void Require(string? value, CredentialSetting setting, string why)
    {
        if (value is null)
        {
            throw new MissingCredentialsException($"Missing credentials: {setting.Mention} ({why}).");
        }
    }

    private static void AddIfMissing(List<string> missing, string? value, string mention)
    {
        if (value is null)
        {
            missing.Add(mention);
        }
    }
}
