namespace DbaaS.Core.Identity;

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary><c>Builtin</c> (DbaaS issues tokens) or <c>Keystone</c> (validate against an external Keystone).</summary>
    public string Mode { get; set; } = "Builtin";

    /// <summary>Password of the seeded <c>admin</c> user; generated and printed once at first start when unset.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Password of the seeded <c>demo</c> user; generated and printed once at first start when unset.</summary>
    public string? DemoPassword { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a validated token is served from memory. Revocations evict at once (PostgreSQL NOTIFY).</summary>
    public TimeSpan TokenCacheTime { get; set; } = TimeSpan.FromMinutes(5);

    public int TokenCacheSize { get; set; } = 100_000;

    public int PasswordHashIterations { get; set; } = PasswordHasher.DefaultIterations;

    public bool IsKeystone => string.Equals(Mode, "Keystone", StringComparison.OrdinalIgnoreCase);
}
