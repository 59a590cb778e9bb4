namespace DbaaS.Core.Identity.Keystone;

/// <summary>From Keystone's token document to DbaaS's <see cref="AuthContext"/>.</summary>
internal static class KeystoneTokenMapping
{
    // Keystone's historical default role (before "member" in Rocky); old clouds still hand it out.
    private const string LegacyMember = "_member_";

    /// <summary>Null when the token is not scoped to a project: DbaaS resources always belong to one.</summary>
    public static AuthContext? ToAuthContext(TokenBody? token)
    {
        if (token?.User?.Id is not { } userId || token.Project?.Id is not { } projectId)
            return null;
        if (token.ExpiresAt <= DateTimeOffset.UtcNow)
            return null;

        return new AuthContext(
            userId,
            token.User.Name ?? userId,
            projectId,
            token.Project.Name ?? projectId,
            KnownRoles(token.Roles ?? []),
            token.ExpiresAt);
    }

    /// <summary>
    /// The DbaaS roles among Keystone's, in <see cref="RoleNames.All"/> order. Keystone role names
    /// are case-insensitive; roles DbaaS doesn't know are dropped, so such a user gets no rights.
    /// </summary>
    internal static IReadOnlyList<string> KnownRoles(IEnumerable<NamedRef> roles)
    {
        var names = roles
            .Select(r => string.Equals(r.Name, LegacyMember, StringComparison.OrdinalIgnoreCase) ? RoleNames.Member : r.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return RoleNames.All.Where(names.Contains).ToList();
    }
}
