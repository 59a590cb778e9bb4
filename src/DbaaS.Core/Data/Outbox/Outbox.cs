using System.Text.Json;

namespace DbaaS.Core.Data.Outbox;

/// <summary>
/// Adds a command to the caller's unit of work: it commits with the rows it concerns, or not at all, and the
/// relay publishes it once committed (DESIGN §6). The caller never sees the bus.
/// </summary>
public static class Outbox
{
    public static void Enqueue(this DbaaSDbContext db, object message) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            // The runtime type: callers may hold the command as object.
            MessageType = message.GetType().FullName!,
            Body = JsonSerializer.SerializeToDocument(message, message.GetType()),
        });

    /// <summary>PostgreSQL NOTIFY channel that wakes the relay as soon as a command commits.</summary>
    public const string Channel = "dbaas_outbox";
}
