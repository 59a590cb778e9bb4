namespace DbaaS.Core.Identity.Keystone;

/// <summary>Where Keystone is and how DbaaS authenticates to it (configuration section <c>Identity:Keystone</c> by convention).</summary>
public sealed class KeystoneOptions
{
    /// <summary>The identity v3 endpoint, e.g. <c>http://127.0.0.1:5000/v3</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>DbaaS's service user; it needs a role that may validate other users' tokens (admin or service).</summary>
    public string ServiceUsername { get; set; } = "";

    public string ServicePassword { get; set; } = "";

    public string ServiceProjectName { get; set; } = "";

    public string ServiceUserDomainName { get; set; } = "Default";

    public string ServiceProjectDomainName { get; set; } = "Default";

    /// <summary>
    /// How long a validation result (valid or invalid) is trusted before Keystone is asked again,
    /// like keystonemiddleware's <c>token_cache_time</c>. A token revoked in Keystone therefore keeps
    /// working in DbaaS for at most this long. 0 disables the cache.
    /// </summary>
    public int CacheSeconds { get; set; } = 60;

    /// <summary>Upper bound on cached validation results, so a flood of random tokens cannot grow memory.</summary>
    public int MaxCachedTokens { get; set; } = 10_000;

    /// <summary>For one validation, a service login included; past it Keystone counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    internal Uri TokensUri => new(Url.TrimEnd('/') + "/auth/tokens?nocatalog");
}
