namespace DbaaS.Cli.Auth;

/// <summary>
/// Turns OS_AUTH_URL into the Keystone v3 base. The openstack CLI discovers the version behind a bare
/// URL (devstack's is http://host/identity); this CLI only speaks v3, so it appends /v3 when it is missing.
/// </summary>
internal static class IdentityUrl
{
    public static Uri From(string authUrl)
    {
        var url = CredentialSetting.AuthUrl.ParseUrl(authUrl);
        var path = url.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/v3", StringComparison.OrdinalIgnoreCase)
            ? new Uri(url, path)
            : new Uri(url, path + "/v3");
    }
}
