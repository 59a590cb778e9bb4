using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Auth;

/// <summary>A token from Keystone, and the catalog that came with it.</summary>
internal sealed record KeystoneToken(string Id, ServiceCatalog Catalog);

/// <summary>Keystone v3 password login: <c>POST {auth_url}/auth/tokens</c>, token in the X-Subject-Token header.</summary>
internal static class KeystoneLogin
{
    public static async Task<KeystoneToken> LoginAsync(HttpClient http, OpenStackCredentials credentials, CancellationToken cancellation)
    {
        var keystone = new ApiClient(http, IdentityUrl.From(credentials.AuthUrl!), token: null);
        var response = await keystone.SendAsync(HttpMethod.Post, "auth/tokens", KeystoneLoginRequest.For(credentials), cancellation);

        var tokenId = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(tokenId))
        {
            throw new CliError("Keystone accepted the login but sent no X-Subject-Token header.");
        }
        var token = response.Body.ObjectIn("token");
        var catalog = token["catalog"] as JsonArray ?? [];
        return new KeystoneToken(tokenId, new ServiceCatalog(catalog));
    }
}
