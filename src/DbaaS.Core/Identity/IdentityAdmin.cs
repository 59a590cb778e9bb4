using DbaaS.Core.Data;
using DbaaS.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Identity;

/// <summary>Admin operations on projects, users and role assignments (Keystone's /v3/projects, /v3/users, roles).</summary>
public sealed class IdentityAdmin(DbaaSDbContext db, IOptions<IdentityOptions> options, ChangeNotifier notifier)
{
    public Task<List<Project>> ListProjectsAsync(string? name, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().Where(p => name == null || p.Name == name).OrderBy(p => p.Name).ToListAsync(cancellationToken);

    public async Task<Project> GetProjectAsync(string id, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw new NotFoundException($"Could not find project: {id}.");

    public async Task<Project> CreateProjectAsync(string name, string description, bool enabled, CancellationToken cancellationToken)
    {
        var project = new Project { Id = TokenHashing.NewId(), Name = name, Description = description, Enabled = enabled };
        db.Projects.Add(project);
        await SaveUniqueAsync($"Duplicate entry found with name {name} at domain ID {IdentityDefaults.DomainId}.", cancellationToken);
        return project;
    }

    public Task<List<User>> ListUsersAsync(string? name, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => name == null || u.Name == name).OrderBy(u => u.Name).ToListAsync(cancellationToken);

    public async Task<User> GetUserAsync(string id, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
        ?? throw new NotFoundException($"Could not find user: {id}.");

    public async Task<User> CreateUserAsync(string name, string password, string? defaultProjectId, bool enabled, CancellationToken cancellationToken)
    {
        if (defaultProjectId is not null && !await db.Projects.AnyAsync(p => p.Id == defaultProjectId, cancellationToken))
            throw new BadRequestException($"Could not find project: {defaultProjectId}.");
        var user = new User
        {
            Id = TokenHashing.NewId(), Name = name, DefaultProjectId = defaultProjectId, Enabled = enabled,
            PasswordHash = PasswordHasher.Hash(password, options.Value.PasswordHashIterations),
        };
        db.Users.Add(user);
        await SaveUniqueAsync($"Duplicate entry found with name {name} at domain ID {IdentityDefaults.DomainId}.", cancellationToken);
        return user;
    }

    public async Task AssignRoleAsync(string projectId, string userId, string role, CancellationToken cancellationToken)
    {
        if (!RoleNames.All.Contains(role)) throw new NotFoundException($"Could not find role: {role}.");
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
            throw new NotFoundException($"Could not find project: {projectId}.");
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            throw new NotFoundException($"Could not find user: {userId}.");
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO role_assignments (user_id, project_id, role) VALUES ({userId}, {projectId}, {role}) ON CONFLICT DO NOTHING",
            cancellationToken);
    }

    public async Task UnassignRoleAsync(string projectId, string userId, string role, CancellationToken cancellationToken)
    {
        var removed = await db.RoleAssignments
            .Where(r => r.ProjectId == projectId && r.UserId == userId && r.Role == role)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) throw new NotFoundException($"Could not find role assignment: {role} for user {userId} on project {projectId}.");
        // Tokens carry their roles; tokens issued with the removed role must stop working now.
        var now = DateTime.UtcNow;
        await db.Tokens.Where(t => t.UserId == userId && t.ProjectId == projectId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await notifier.NotifyAsync(ChangeNotifier.UserChanged(userId), cancellationToken);
    }

    public Task<List<string>> ListRolesOfAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        db.RoleAssignments.AsNoTracking().Where(r => r.ProjectId == projectId && r.UserId == userId)
            .Select(r => r.Role).ToListAsync(cancellationToken);

    private async Task SaveUniqueAsync(string conflictMessage, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException(conflictMessage);
        }
    }
}
