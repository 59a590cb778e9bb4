using DbaaS.Contracts.Guest;

namespace DbaaS.TaskManager.Guests;

/// <summary>
/// The per-instance broker account (DESIGN §4), through the RabbitMQ management API: a user named
/// <c>GuestTopology.UserFor(id)</c> that may read only its queue and write only to the conductor and replies
/// exchanges. Creating also declares the instance's queue and binds it to <c>dbaas.guest</c>.
/// </summary>
public interface IGuestAccounts
{
    /// <summary>Idempotent: an existing account gets a new password (the old config file is rewritten with it).</summary>
    Task<GuestRabbitSettings> CreateAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes the user and the queue; succeeds when they are already gone.</summary>
    Task DeleteAsync(Guid instanceId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(Guid instanceId, CancellationToken cancellationToken);
}
