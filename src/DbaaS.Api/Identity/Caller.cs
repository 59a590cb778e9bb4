using DbaaS.Core.Errors;
using DbaaS.Core.Identity;

namespace DbaaS.Api.Identity;

public static class Caller
{
    private const string ItemKey = "dbaas.caller";

    public static void Set(HttpContext context, AuthContext caller) => context.Items[ItemKey] = caller;

    /// <summary>The authenticated caller; only routes behind <see cref="TenantAccessFilter"/> have one.</summary>
    public static AuthContext Get(HttpContext context) =>
        context.Items[ItemKey] as AuthContext ?? throw new UnauthorizedException("The request you have made requires authentication.");

    public static AuthContext? Find(HttpContext context) => context.Items[ItemKey] as AuthContext;
}

/// <summary>Marks routes only admins may call (Trove's <c>admin</c> policy: /mgmt, reset-status, cross-project listing).</summary>
public sealed class AdminOnlyMetadata
{
    public static readonly AdminOnlyMetadata Instance = new();
}

public static class AccessRouteExtensions
{
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AdminOnlyMetadata.Instance);
}
