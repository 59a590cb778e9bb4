namespace DbaaS.Core.Identity;

/// <summary>
/// Turns an opaque token into an <see cref="AuthContext"/>, or null when the token is unknown, expired or revoked.
/// Implementations: the built-in identity store, or an external Keystone.
/// </summary>
public interface ITokenValidator
{
    ValueTask<AuthContext?> ValidateAsync(string token, CancellationToken cancellationToken);
}
