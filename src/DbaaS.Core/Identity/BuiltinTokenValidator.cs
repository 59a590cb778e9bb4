using System.Collections.Concurrent;
using DbaaS.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Identity;

/// <summary>
/// Validates built-in tokens with no database round trip on the hot path: a validated token is kept in memory
/// until it expires or the cache time passes, and evicted at once when it is revoked anywhere (NOTIFY).
/// </summary>
public sealed class BuiltinTokenValidator : ITokenValidator
{
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);
    private readonly IServiceScopeFactory _scopes;
    private readonly IdentityOptions _options;

    public BuiltinTokenValidator(IServiceScopeFactory scopes, IOptions<IdentityOptions> options, ChangeListenerHub hub)
    {
        _scopes = scopes;
        _options = options.Value;
        hub.Subscribe(OnChange, _cache.Clear);
    }

    public async ValueTask<AuthContext?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var hash = TokenHashing.Hash(token);
        var now = DateTimeOffset.UtcNow;
        if (_cache.TryGetValue(hash, out var cached))
        {
            if (cached.ValidUntil > now) return cached.Context;
            _cache.TryRemove(hash, out _);
        }

        AuthContext? context;
        await using (var scope = _scopes.CreateAsyncScope())
            context = await scope.ServiceProvider.GetRequiredService<IdentityStore>().FindValidAsync(hash, cancellationToken);
        if (context is null) return null;

        if (_cache.Count >= _options.TokenCacheSize) _cache.Clear();
        var until = now + _options.TokenCacheTime;
        _cache[hash] = new CachedToken(context, until < context.ExpiresAt ? until : context.ExpiresAt);
        return context;
    }

    private void OnChange(string payload)
    {
        if (payload.StartsWith("token:", StringComparison.Ordinal))
            _cache.TryRemove(payload["token:".Length..], out _);
        else if (payload.StartsWith("user:", StringComparison.Ordinal))
        {
            var userId = payload["user:".Length..];
            foreach (var (hash, entry) in _cache)
                if (entry.Context.UserId == userId) _cache.TryRemove(hash, out _);
        }
    }

    private sealed record CachedToken(AuthContext Context, DateTimeOffset ValidUntil);
}
