using System.Text.Json;
using DbaaS.Contracts.Tasks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DbaaS.Core.Data.Outbox;

/// <summary>
/// Publishes committed outbox rows through MassTransit, oldest first. Woken by NOTIFY at commit, and polls anyway
/// in case a notification was missed. Rows are claimed with SKIP LOCKED, so every api replica can run a relay;
/// a row is marked published only after the broker confirmed it, so a crash in between republishes it (at least
/// once) and the taskmanager's consumers are idempotent by task id.
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IBus bus, ILogger<OutboxRelay> log) : BackgroundService
{
    /// <summary>The taskmanager's queue: sending to a named, durable queue keeps commands even before any taskmanager ever started.</summary>
    public static readonly Uri TaskManagerQueue = new("queue:dbaas-taskmanager");

    const int BatchSize = 100;
    static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = ListenAsync(stoppingToken);
        var lastCleanup = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken) == BatchSize) { }
                if (DateTime.UtcNow - lastCleanup > TimeSpan.FromMinutes(10))
                {
                    await DeletePublishedAsync(stoppingToken);
                    lastCleanup = DateTime.UtcNow;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Outbox relay pass failed; retrying");
            }
            try { await _wake.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <returns>How many rows this pass published.</returns>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbaaSDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // No SAVEPOINT around SaveChanges (two more round trips): a failed save ends the transaction anyway.
        db.Database.AutoSavepointsEnabled = false;
        var rows = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return 0;
        var endpoint = await bus.GetSendEndpoint(TaskManagerQueue);
        var published = 0;
        foreach (var row in rows)
        {
            try
            {
                var type = ContractType(row.MessageType);
                var message = row.Body.Deserialize(type) ?? throw new InvalidOperationException("empty outbox body");
                await endpoint.Send(message, type, cancellationToken);
                row.PublishedAt = DateTime.UtcNow;
                published++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                row.Attempts++;
                row.LastError = ex.Message;
                log.LogWarning(ex, "Outbox message {OutboxId} ({MessageType}) not published (attempt {Attempt})", row.Id, row.MessageType, row.Attempts);
                break; // keep order: later rows wait for this one
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    /// <summary>Only our own contracts may be named by a row: the type name is data, not code to load.</summary>
    static Type ContractType(string name) =>
        typeof(CreateInstance).Assembly.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException($"outbox message type '{name}' is not a DbaaS contract");

    async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Release();
                await using (var listen = new NpgsqlCommand($"LISTEN {Outbox.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _wake.Release(); // anything committed while we were not listening
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) { return; }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Outbox listener lost its connection; polling until it is back");
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    async Task DeletePublishedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbaaSDbContext>();
        var cutoff = DateTime.UtcNow.AddDays(-1);
        await db.OutboxMessages.Where(m => m.PublishedAt != null && m.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
