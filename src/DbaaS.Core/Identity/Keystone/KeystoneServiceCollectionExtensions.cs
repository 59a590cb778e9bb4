using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Identity.Keystone;

public static class KeystoneServiceCollectionExtensions
{
    public const string HttpClientName = "keystone";

    /// <summary>
    /// Makes <see cref="ITokenValidator"/> ask Keystone. <paramref name="section"/> binds to
    /// <see cref="KeystoneOptions"/>; missing settings fail at startup, not at the first request.
    /// </summary>
    public static IServiceCollection AddKeystoneTokenValidation(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<KeystoneOptions>()
            .Bind(section)
            .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Keystone Url must be an absolute http(s) URL of the identity v3 endpoint")
            .Validate(o => o.ServiceUsername != "" && o.ServicePassword != "" && o.ServiceProjectName != "",
                "Keystone ServiceUsername, ServicePassword and ServiceProjectName are required")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.CacheSeconds >= 0 && o.MaxCachedTokens > 0,
                "Keystone Timeout and MaxCachedTokens must be positive, CacheSeconds not negative")
            .ValidateOnStart();

        // The validator is a singleton (it owns the token cache), so it keeps one HttpClient for
        // life; pooled connections are recycled instead of handlers, which keeps DNS changes visible.
        services.AddHttpClient(HttpClientName)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton(sp => new KeystoneTokenValidator(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<KeystoneOptions>>(),
            sp.GetRequiredService<ILogger<KeystoneTokenValidator>>()));
        services.AddSingleton<ITokenValidator>(sp => sp.GetRequiredService<KeystoneTokenValidator>());
        return services;
    }
}
