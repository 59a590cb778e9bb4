using DbaaS.Core.Data;
using DbaaS.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DbaaS.Core.Quotas;

/// <summary>
/// Takes and gives back quota inside the caller's transaction, so the usage commits with the rows it pays for.
/// Each resource's usage row is updated with a condition on the limit: the row lock serialises concurrent
/// requests, so 50 creates against a quota of 10 admit exactly 10.
/// </summary>
public sealed class QuotaReservations(DbaaSDbContext db, IOptions<QuotaOptions> options)
{
    /// <exception cref="OverLimitException">Trove's message, naming every resource that would exceed its limit.</exception>
    /// <remarks>
    /// One statement per resource, all sent in one round trip (a batch, run in order inside the caller's
    /// transaction): the usage row is created holding the delta if it is missing, or else updated, in both cases only
    /// within the limit (the project's own row or else the configured default, read by the same statement). The row
    /// lock taken here is held until the caller commits, and every create of the project waits on it: callers reserve
    /// last, just before they commit.
    /// </remarks>
    public async Task ReserveAsync(string projectId, IReadOnlyDictionary<string, int> deltas, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Quota must be reserved inside the transaction that creates the resource.");
        // A fixed order: two requests never wait on each other's rows in opposite orders.
        var changes = deltas.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (changes.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction.GetDbTransaction());
        var updates = new List<(string Resource, NpgsqlBatchCommand Command)>();
        foreach (var (resource, delta) in changes)
        {
            var upsert = Command("""
                WITH l AS (SELECT coalesce((SELECT hard_limit FROM quotas WHERE project_id = $1 AND resource = $2), $4) AS hard_limit)
                INSERT INTO quota_usages AS u (project_id, resource, in_use, reserved)
                SELECT $1, $2, $3, 0 FROM l WHERE l.hard_limit < 0 OR $3 <= 0 OR $3 <= l.hard_limit
                ON CONFLICT (project_id, resource) DO UPDATE SET in_use = u.in_use + $3
                WHERE (SELECT hard_limit FROM l) < 0 OR $3 <= 0 OR u.in_use + $3 <= (SELECT hard_limit FROM l)
                """, projectId, resource, delta, options.Value.DefaultFor(resource));
            batch.BatchCommands.Add(upsert);
            updates.Add((resource, upsert));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var exceeded = updates.Where(u => u.Command.RecordsAffected == 0).Select(u => u.Resource).ToList();
        if (exceeded.Count > 0)
            throw new OverLimitException($"Quota exceeded for resources: ['{string.Join("', '", exceeded)}'].");
    }

    static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>Gives quota back (never below zero); used when a resource is deleted or a reservation is undone.</summary>
    public async Task ReleaseAsync(string projectId, IReadOnlyDictionary<string, int> amounts, CancellationToken cancellationToken)
    {
        foreach (var (resource, amount) in amounts.Where(d => d.Value > 0).OrderBy(d => d.Key, StringComparer.Ordinal))
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE quota_usages SET in_use = GREATEST(in_use - {amount}, 0)
                WHERE project_id = {projectId} AND resource = {resource}
                """, cancellationToken);
    }
}
