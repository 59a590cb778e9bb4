using System.Text.Json;

namespace DbaaS.Core.Data.Outbox;

public sealed class OutboxMessage
{
    public long Id { get; init; }
    /// <summary>The contract's full type name; the relay resolves it among <c>DbaaS.Contracts</c> types only.</summary>
    public required string MessageType { get; init; }
    public required JsonDocument Body { get; init; }
    public DateTime Created { get; init; } = DateTime.UtcNow;
    public DateTime? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
