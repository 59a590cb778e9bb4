using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace DbaaS.Core.Identity.Keystone;

/// <summary>
/// DbaaS's own Keystone token, needed to ask Keystone about anyone else's. Obtained by password,
/// reused until shortly before it expires, and dropped when Keystone stops accepting it.
/// </summary>
internal sealed class KeystoneServiceToken(HttpClient http, KeystoneOptions options, ILogger logger) : IDisposable
{
    // Renew this long before expires_at, so a token never expires between our check and Keystone's.
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile Issued? _current;

    private sealed record Issued(string Token, DateTimeOffset RenewAfter);

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && fresh.RenewAfter > DateTimeOffset.UtcNow)
            return fresh.Token;

        // One authentication at a time: a burst of validations after expiry must not become a burst of logins.
        await _renewal.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } renewed && renewed.RenewAfter > DateTimeOffset.UtcNow)
                return renewed.Token;
            _current = await AuthenticateAsync(cancellationToken);
            return _current.Token;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Forget <paramref name="token"/> after Keystone rejected it, unless another caller already replaced it.</summary>
    public void Reject(string token)
    {
        if (_current is { } current && current.Token == token)
            _current = null;
    }

    private async Task<Issued> AuthenticateAsync(CancellationToken cancellationToken)
    {
        using var body = PasswordAuthRequest.For(options);
        using var response = await http.PostAsync(options.TokensUri, body, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Every user request would fail the same way: this is an outage of DbaaS's identity, not a bad user token.
            logger.LogError(
                "Keystone refused the service credentials of {User} in project {Project} ({Status})",
                options.ServiceUsername, options.ServiceProjectName, (int)response.StatusCode);
            throw new IdentityBackendUnavailableException(
                $"Keystone refused DbaaS's service credentials ({(int)response.StatusCode}).");
        }
        if (!response.IsSuccessStatusCode)
            throw new IdentityBackendUnavailableException($"Keystone answered {(int)response.StatusCode} to the service login.");

        var token = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        var issued = await response.Content.ReadFromJsonAsync<TokenEnvelope>(cancellationToken);
        if (string.IsNullOrEmpty(token) || issued?.Token is null)
            throw new IdentityBackendUnavailableException("Keystone's answer to the service login had no token.");

        logger.LogInformation(
            "Obtained Keystone service token {TokenHash} for {User}, expires {ExpiresAt:o}",
            TokenFingerprint.ForLog(token), options.ServiceUsername, issued.Token.ExpiresAt);
        return new Issued(token, issued.Token.ExpiresAt - RenewalMargin);
    }

    public void Dispose() => _renewal.Dispose();
}
