namespace DbaaS.Core.Identity;

/// <summary>Who is calling: the result of validating an <c>X-Auth-Token</c>, whichever identity backend issued it.</summary>
public sealed record AuthContext(
    string UserId,
    string UserName,
    string ProjectId,
    string ProjectName,
    IReadOnlyList<string> Roles,
    DateTimeOffset ExpiresAt)
{
    public bool IsAdmin => Roles.Contains(RoleNames.Admin);

    /// <summary>Readers may look; members and admins may also change things.</summary>
    public bool CanWrite => IsAdmin || Roles.Contains(RoleNames.Member);
}

public static class RoleNames
{
    public const string Admin = "admin";
    public const string Member = "member";
    public const string Reader = "reader";

    public static readonly IReadOnlyList<string> All = [Admin, Member, Reader];
}
