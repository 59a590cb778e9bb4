using System.Security.Cryptography;
using DbaaS.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Identity;

/// <summary>
/// Makes sure the <c>admin</c> and <c>demo</c> projects and users exist. Their passwords come from configuration;
/// when none is configured a random one is generated and shown once on the console, never written to the logs.
/// </summary>
public sealed class IdentitySeeder(DbaaSDbContext db, IOptions<IdentityOptions> options, ILogger<IdentitySeeder> logger)
{
    public const string AdminName = "admin";
    public const string DemoName = "demo";

    public async Task SeedAsync(TextWriter console, CancellationToken cancellationToken)
    {
        await EnsureAsync(AdminName, RoleNames.Admin, options.Value.AdminPassword, console, cancellationToken);
        await EnsureAsync(DemoName, RoleNames.Member, options.Value.DemoPassword, console, cancellationToken);
    }

    private async Task EnsureAsync(string name, string role, string? configuredPassword, TextWriter console, CancellationToken cancellationToken)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Name == name && p.DomainId == IdentityDefaults.DomainId, cancellationToken);
        if (project is null)
        {
            project = new Project { Id = TokenHashing.NewId(), Name = name, Description = $"Seeded {name} project" };
            db.Projects.Add(project);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name && u.DomainId == IdentityDefaults.DomainId, cancellationToken);
        if (user is null)
        {
            var password = configuredPassword ?? GeneratePassword();
            user = new User
            {
                Id = TokenHashing.NewId(), Name = name, DefaultProjectId = project.Id,
                PasswordHash = PasswordHasher.Hash(password, options.Value.PasswordHashIterations),
            };
            db.Users.Add(user);
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, ProjectId = project.Id, Role = role });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded user {UserName} with role {Role} on project {ProjectId}", name, role, project.Id);
            if (configuredPassword is null)
                await console.WriteLineAsync($"Generated password for user '{name}' (project '{name}'): {password}  (shown once; set Identity:{(name == AdminName ? "Admin" : "Demo")}Password to choose it)");
        }
        else if (configuredPassword is not null && !PasswordHasher.Verify(configuredPassword, user.PasswordHash))
        {
            // Configuration is the source of truth for the seeded accounts' passwords.
            user.PasswordHash = PasswordHasher.Hash(configuredPassword, options.Value.PasswordHashIterations);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Updated the password of seeded user {UserName} from configuration", name);
        }
        else await db.SaveChangesAsync(cancellationToken);
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
