namespace DbaaS.Core.Identity;

public sealed class Project
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string DomainId { get; set; } = IdentityDefaults.DomainId;
    public string Description { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

public sealed class User
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string DomainId { get; set; } = IdentityDefaults.DomainId;
    public required string PasswordHash { get; set; }
    public string? DefaultProjectId { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

public sealed class RoleAssignment
{
    public required string UserId { get; init; }
    public required string ProjectId { get; init; }
    public required string Role { get; init; }
}

/// <summary>An issued token. Only the SHA-256 of the token is kept, so a database leak yields no usable token.</summary>
public sealed class Token
{
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public required string ProjectId { get; init; }
    public required string[] Roles { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; set; }
}

public static class IdentityDefaults
{
    public const string DomainId = "default";
    public const string DomainName = "Default";
}
