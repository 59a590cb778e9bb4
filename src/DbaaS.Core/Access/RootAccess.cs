using DbaaS.Contracts.Datastores;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Data;
using DbaaS.Core.Identity;
using DbaaS.Core.Instances;
using Microsoft.EntityFrameworkCore;

namespace DbaaS.Core.Access;

/// <summary>The last enabling of root on an instance, or null when root was never enabled.</summary>
public sealed record RootHistory(Guid InstanceId, DateTime? Enabled, string? UserId);

/// <summary>Root on a tenant's instance: enable (a password shown once), disable, show; and who enabled it, for admins.</summary>
public sealed class RootAccess(AccessTargets targets, AccessGuestCalls calls, InstanceService instances, DbaaSDbContext db, TimeProvider clock)
{
    public async Task<bool> IsEnabledAsync(string projectId, string instanceId, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.Root, "the root user", cancellationToken);
        return (await calls.CallAsync(target, GuestMethods.IsRootEnabled, null, GuestJson.Default.RootStatus, cancellationToken)).Enabled;
    }

    /// <summary>Null <paramref name="password"/>: the guest generates a strong one. The credentials are returned once and never stored or logged.</summary>
    public async Task<RootCredentials> EnableAsync(AuthContext caller, string projectId, string instanceId, string? password, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.Root, "the root user", cancellationToken);
        if (password is not null) EngineObjectRules.ValidatePassword("root", password);
        var credentials = await calls.CallAsync(target, GuestMethods.EnableRoot, new EnableRootArgs(password), GuestJson.Default.RootCredentials, cancellationToken);
        db.RootEnabledHistory.Add(new RootEnabledHistory
        {
            InstanceId = target.Instance.Id,
            UserId = caller.UserId,
            Enabled = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return credentials;
    }

    public async Task DisableAsync(string projectId, string instanceId, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(projectId, instanceId, DatastoreCapabilities.Root, "the root user", cancellationToken);
        await calls.CallAsync(target, GuestMethods.DisableRoot, null, cancellationToken);
    }

    /// <summary>Any project's instance, deleted ones included (management view).</summary>
    public async Task<RootHistory> HistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await instances.GetAnyAsync(instanceId, cancellationToken);
        var last = await db.RootEnabledHistory.AsNoTracking().Where(h => h.InstanceId == instance.Id)
            .OrderByDescending(h => h.Enabled).ThenByDescending(h => h.Id).FirstOrDefaultAsync(cancellationToken);
        return new RootHistory(instance.Id, last?.Enabled, last?.UserId);
    }
}
