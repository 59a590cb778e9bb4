namespace DbaaS.TaskManager.Compute;

/// <summary>
/// Where a "server" comes from (DESIGN §5). Everything database-specific happens in the guest; the driver only
/// provides a place for it to run. Every operation is idempotent by instance id: the workflows calling it resume
/// after a crash and may repeat a step.
/// </summary>
public interface IComputeDriver
{
    string Name { get; }

    /// <summary>Creates the server, or returns the existing one for this instance: never two.</summary>
    Task<ServerInfo> CreateServerAsync(ServerSpec spec, CancellationToken cancellationToken);

    /// <returns>null when the driver knows no server for this instance.</returns>
    Task<ServerInfo?> GetServerAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Every server this driver runs, to find them again after a control-plane restart.</summary>
    Task<IReadOnlyList<ServerInfo>> ListServersAsync(CancellationToken cancellationToken);

    Task ResizeVolumeAsync(Guid instanceId, int sizeGb, CancellationToken cancellationToken);

    /// <summary>Records the new memory size for the guest (the guest applies it to its engine).</summary>
    Task ResizeFlavorAsync(Guid instanceId, int memoryMb, CancellationToken cancellationToken);

    /// <summary>Restarts the server: the guest agent process (its engine follows through the guest).</summary>
    Task RebootAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Stops every process of the server and removes its storage. Succeeds when nothing is left.</summary>
    Task DeleteServerAsync(Guid instanceId, CancellationToken cancellationToken);
}

/// <param name="Manager">The datastore version's manager (guest plugin): mariadb, mysql, postgresql, redis.</param>
/// <param name="GuestRabbit">This instance's own broker account; see <c>IGuestAccounts</c>.</param>
public sealed record ServerSpec(
    Guid InstanceId,
    string Manager,
    string DatastoreVersion,
    int MemoryMb,
    int VolumeSizeGb,
    byte[] GuestKey,
    DbaaS.Contracts.Guest.GuestRabbitSettings GuestRabbit);

/// <param name="Status">One of <c>ServerStatuses</c>: BUILD, ACTIVE, SHUTDOWN (guest process not running), ERROR.</param>
public sealed record ServerInfo(Guid InstanceId, string Status, string Hostname, int Port, string? Detail = null);
