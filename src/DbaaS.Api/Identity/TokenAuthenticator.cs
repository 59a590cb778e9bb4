using DbaaS.Core.Errors;
using DbaaS.Core.Identity;

namespace DbaaS.Api.Identity;

/// <summary>Reads <c>X-Auth-Token</c> and asks the configured backend (built-in or Keystone) who it belongs to.</summary>
public sealed class TokenAuthenticator(ITokenValidator validator)
{
    public const string TokenHeader = "X-Auth-Token";
    private const int MaxTokenLength = 8192;

    public async ValueTask<AuthContext> AuthenticateAsync(HttpContext context)
    {
        var token = context.Request.Headers[TokenHeader].ToString();
        if (string.IsNullOrWhiteSpace(token))
            throw new UnauthorizedException("Authentication required: send a token in the X-Auth-Token header.");
        if (token.Length > MaxTokenLength)
            throw new UnauthorizedException("The token in X-Auth-Token is not valid.");
        return await validator.ValidateAsync(token.Trim(), context.RequestAborted)
               ?? throw new UnauthorizedException("The token in X-Auth-Token is not valid, has expired or was revoked.");
    }
}
