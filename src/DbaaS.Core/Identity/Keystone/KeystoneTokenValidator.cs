using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Identity.Keystone;

/// <summary>
/// Validates <c>X-Auth-Token</c>s against an external Keystone (GET /v3/auth/tokens), as
/// keystonemiddleware does for OpenStack services. Results, valid or not, are cached for
/// <see cref="KeystoneOptions.CacheSeconds"/>, never past the token's own expiry.
/// One instance per process: it owns the cache and the service token.
/// </summary>
public sealed class KeystoneTokenValidator : ITokenValidator, IDisposable
{
    private readonly HttpClient _http;
    private readonly KeystoneOptions _options;
    private readonly ILogger _logger;
    private readonly KeystoneServiceToken _serviceToken;
    private readonly MemoryCache _cache;

    // Distinguishes "known invalid" from "not cached" in the cache.
    private sealed record Verdict(AuthContext? Context);

    public KeystoneTokenValidator(HttpClient http, IOptions<KeystoneOptions> options, ILogger<KeystoneTokenValidator> logger)
    {
        _http = http;
        _options = options.Value;
        _logger = logger;
        _serviceToken = new KeystoneServiceToken(http, _options, logger);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.MaxCachedTokens) });
    }

    public async ValueTask<AuthContext?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        // Keystone's tokens are printable ASCII; anything else could not even travel as a header,
        // and must not reach HttpClient, whose refusal would look like an outage.
        if (token.Length == 0 || token.Any(c => c is < '!' or > '~'))
            return null;

        var key = TokenFingerprint.Of(token);
        if (_cache.TryGetValue(key, out Verdict? cached) && cached is not null)
            return cached.Context;

        var verdict = new Verdict(await AskKeystoneAsync(token, cancellationToken));
        Remember(key, verdict);
        return verdict.Context;
    }

    private async Task<AuthContext?> AskKeystoneAsync(string token, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await ValidateWithServiceTokenAsync(token, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable($"Keystone did not answer within {_options.Timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable($"Keystone at {_options.Url} is unreachable: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw Unavailable("Keystone sent a token document DbaaS cannot read.", ex);
        }
    }

    private async Task<AuthContext?> ValidateWithServiceTokenAsync(string token, CancellationToken cancellationToken)
    {
        var serviceToken = await _serviceToken.GetAsync(cancellationToken);
        using var response = await SendValidationAsync(serviceToken, token, cancellationToken);

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // Keystone says 401 both for a bad subject token and for a revoked or expired service token;
            // only a retry with a fresh service token tells them apart.
            _serviceToken.Reject(serviceToken);
            var fresh = await _serviceToken.GetAsync(cancellationToken);
            using var retry = await SendValidationAsync(fresh, token, cancellationToken);
            return await ReadAsync(retry, token, cancellationToken);
        }
        return await ReadAsync(response, token, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendValidationAsync(string serviceToken, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _options.TokensUri);
        request.Headers.Add("X-Auth-Token", serviceToken);
        request.Headers.Add("X-Subject-Token", token);
        return await _http.SendAsync(request, cancellationToken);
    }

    private async Task<AuthContext?> ReadAsync(HttpResponseMessage response, string token, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized)
        {
            _logger.LogDebug("Keystone does not know token {TokenHash} ({Status})", TokenFingerprint.ForLog(token), (int)response.StatusCode);
            return null;
        }
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            // Our service user may not validate tokens: every caller would be refused, so it's an outage.
            _logger.LogError("Keystone forbids {User} to validate tokens; give it the admin or service role", _options.ServiceUsername);
            throw Unavailable("DbaaS's service user is not allowed to validate tokens in Keystone.");
        }
        if (!response.IsSuccessStatusCode)
            throw Unavailable($"Keystone answered {(int)response.StatusCode} to a token validation.");

        var body = await response.Content.ReadFromJsonAsync<TokenEnvelope>(cancellationToken);
        var context = KeystoneTokenMapping.ToAuthContext(body?.Token);
        if (context is null)
            _logger.LogDebug("Token {TokenHash} is valid in Keystone but not scoped to a project", TokenFingerprint.ForLog(token));
        return context;
    }

    private void Remember(string key, Verdict verdict)
    {
        if (_options.CacheSeconds <= 0)
            return;
        var until = DateTimeOffset.UtcNow.AddSeconds(_options.CacheSeconds);
        if (verdict.Context is { } context && context.ExpiresAt < until)
            until = context.ExpiresAt;
        _cache.Set(key, verdict, new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
    }

    private IdentityBackendUnavailableException Unavailable(string message, Exception? inner = null)
    {
        _logger.LogWarning(inner, "Identity backend unavailable: {Reason}", message);
        return inner is null ? new(message) : new(message, inner);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _serviceToken.Dispose();
    }
}
