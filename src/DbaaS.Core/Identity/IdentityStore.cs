using DbaaS.Core.Data;
using DbaaS.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Identity;

/// <summary>What the user asked a token to be scoped to: a project by id, or by name within a domain.</summary>
public sealed record ProjectScope(string? Id, string? Name, string? DomainId, string? DomainName);

public sealed record IssuedToken(string Token, AuthContext Context, DateTime IssuedAt);

/// <summary>The built-in identity backend: password checks, token issue, lookup and revocation.</summary>
public sealed class IdentityStore(
    DbaaSDbContext db,
    IOptions<IdentityOptions> options,
    ChangeNotifier notifier,
    ILogger<IdentityStore> logger)
{
    public async Task<IssuedToken> IssueTokenAsync(
        string? userId, string? userName, string? userDomainId, string? userDomainName, string password, ProjectScope? scope,
        CancellationToken cancellationToken)
    {
        const string refusal = "The request you have made requires authentication.";
        if (userId is null && !IsDefaultDomain(userDomainId, userDomainName))
            throw new UnauthorizedException(refusal);

        var user = await db.Users.AsNoTracking()
            .SingleOrDefaultAsync(u => userId != null ? u.Id == userId : u.Name == userName && u.DomainId == IdentityDefaults.DomainId,
                cancellationToken);
        if (user is null || !user.Enabled || !PasswordHasher.Verify(password, user.PasswordHash))
        {
            logger.LogInformation("Password authentication refused for user {UserName}", userName ?? userId);
            throw new UnauthorizedException(refusal);
        }

        var project = await ResolveScopeAsync(user, scope, cancellationToken);
        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == user.Id && r.ProjectId == project.Id)
            .Select(r => r.Role).ToArrayAsync(cancellationToken);
        if (roles.Length == 0)
            throw new UnauthorizedException($"User {user.Id} has no access to project {project.Id}");

        var token = TokenHashing.NewToken();
        var now = DateTime.UtcNow;
        var expires = now + options.Value.TokenLifetime;
        db.Tokens.Add(new Token
        {
            TokenHash = TokenHashing.Hash(token), UserId = user.Id, ProjectId = project.Id,
            Roles = roles, IssuedAt = now, ExpiresAt = expires,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Issued token {TokenId} to user {UserId} on project {ProjectId}",
            TokenHashing.LogId(TokenHashing.Hash(token)), user.Id, project.Id);
        return new IssuedToken(token, new AuthContext(user.Id, user.Name, project.Id, project.Name, roles, expires), now);
    }

    /// <summary>The database truth about a token; the validator caches what this returns.</summary>
    public async Task<AuthContext?> FindValidAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var row = await (
            from t in db.Tokens.AsNoTracking()
            join u in db.Users on t.UserId equals u.Id
            join p in db.Projects on t.ProjectId equals p.Id
            where t.TokenHash == tokenHash && t.RevokedAt == null && t.ExpiresAt > now && u.Enabled && p.Enabled
            select new { t.UserId, UserName = u.Name, t.ProjectId, ProjectName = p.Name, t.Roles, t.ExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new AuthContext(row.UserId, row.UserName, row.ProjectId, row.ProjectName, row.Roles,
                new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)));
    }

    public async Task<bool> RevokeAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var revoked = await db.Tokens
            .Where(t => t.TokenHash == tokenHash && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await notifier.NotifyAsync(ChangeNotifier.TokenRevoked(tokenHash), cancellationToken);
        logger.LogInformation("Revoked token {TokenId}", TokenHashing.LogId(tokenHash));
        return revoked > 0;
    }

    private async Task<Project> ResolveScopeAsync(User user, ProjectScope? scope, CancellationToken cancellationToken)
    {
        Project? project;
        if (scope is null)
        {
            // Keystone scopes to the default project when the request names none.
            if (user.DefaultProjectId is null)
                throw new UnauthorizedException("A project scope is required: DbaaS issues project-scoped tokens only.");
            project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == user.DefaultProjectId, cancellationToken);
        }
        else if (scope.Id is not null)
            project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == scope.Id, cancellationToken);
        else
        {
            if (!IsDefaultDomain(scope.DomainId, scope.DomainName))
                throw new UnauthorizedException($"Could not find project: {scope.Name}.");
            project = await db.Projects.AsNoTracking()
                .SingleOrDefaultAsync(p => p.Name == scope.Name && p.DomainId == IdentityDefaults.DomainId, cancellationToken);
        }
        if (project is null || !project.Enabled)
            throw new UnauthorizedException($"Could not find project: {scope?.Id ?? scope?.Name ?? user.DefaultProjectId}.");
        return project;
    }

    /// <summary>DbaaS has one domain, Keystone's <c>default</c> ("Default"); a request may name it either way or not at all.</summary>
    private static bool IsDefaultDomain(string? id, string? name) =>
        (id is null || id == IdentityDefaults.DomainId) &&
        (name is null || string.Equals(name, IdentityDefaults.DomainName, StringComparison.OrdinalIgnoreCase));
}
