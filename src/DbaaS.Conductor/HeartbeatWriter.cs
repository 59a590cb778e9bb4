using Npgsql;
using NpgsqlTypes;

namespace DbaaS.Conductor;

public sealed record Heartbeat(Guid InstanceId, DateTimeOffset Sent, string ServiceStatus, long? VolumeUsedBytes, string? EngineVersion);

/// <summary>
/// A batch of heartbeats in one UPDATE. The condition on guest_last_sent is Trove's <c>_message_too_old</c> done by
/// the database: a report not newer than the last one applied changes nothing, so conductors may compete and
/// redeliveries are harmless. Deleted instances are left alone.
/// <para>
/// The same condition keeps a workflow's result: when the taskmanager records what a guest call did (HEALTHY after
/// prepare or restart, SHUTDOWN after stop_db), it also records the guest's time of the answer
/// (<c>TaskStore.GuestAnswered</c>), and a heartbeat stamps the time before it reads the state it reports. So a
/// report that was on its way while the guest answered, "building" or "shutdown", is older and dropped.
/// </para>
/// </summary>
public sealed class HeartbeatWriter(NpgsqlDataSource dataSource)
{
    const string Sql = """
        UPDATE instances AS i
        SET service_status = h.status,
            service_status_updated = now(),
            guest_last_sent = h.sent,
            volume_used_bytes = COALESCE(h.used, i.volume_used_bytes),
            engine_version = COALESCE(h.version, i.engine_version),
            updated = now()
        FROM unnest(@ids, @sent, @status, @used, @version) AS h(id, sent, status, used, version)
        WHERE i.id = h.id AND NOT i.deleted AND (i.guest_last_sent IS NULL OR i.guest_last_sent < h.sent)
        """;

    /// <returns>How many instances took their heartbeat (the others were stale, deleted or unknown).</returns>
    public async Task<int> ApplyAsync(IReadOnlyCollection<Heartbeat> heartbeats, CancellationToken cancellationToken)
    {
        if (heartbeats.Count == 0) return 0;
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = heartbeats.Select(h => h.InstanceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("sent", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = heartbeats.Select(h => h.Sent.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = heartbeats.Select(h => h.ServiceStatus).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("used", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = heartbeats.Select(h => h.VolumeUsedBytes).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = heartbeats.Select(h => h.EngineVersion).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
