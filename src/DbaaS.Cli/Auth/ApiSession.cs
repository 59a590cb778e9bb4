using DbaaS.Cli.Http;

namespace DbaaS.Cli.Auth;

/// <summary>
/// Hands commands a ready client for the database or identity API. It logs in lazily and at most once,
/// so <c>--help</c> and usage errors never touch the network and <c>user create</c> reuses one token.
/// </summary>
internal sealed class ApiSession(OpenStackCredentials credentials, HttpClient http)
{
    private Task<KeystoneToken>? _login;

    public async Task<ApiClient> DatabaseAsync(CancellationToken cancellation)
    {
        credentials.RequireDatabaseAccess();
        if (credentials.Token is { } token)
        {
            return new ApiClient(http, CredentialSetting.Endpoint.ParseUrl(credentials.Endpoint!), token);
        }

        var login = await LoginAsync(cancellation);
        var endpoint = login.Catalog.EndpointFor(ServiceCatalog.DatabaseServiceType, credentials.Interface, credentials.RegionName);
        return new ApiClient(http, endpoint, login.Id);
    }

    public async Task<ApiClient> IdentityAsync(CancellationToken cancellation)
    {
        credentials.RequireIdentityAccess();
        var identity = IdentityUrl.From(credentials.AuthUrl!);
        var token = credentials.Token ?? (await LoginAsync(cancellation)).Id;
        return new ApiClient(http, identity, token);
    }

    private Task<KeystoneToken> LoginAsync(CancellationToken cancellation) =>
        _login ??= KeystoneLogin.LoginAsync(http, credentials, cancellation);
}
