using System.Text.Json;

namespace DbaaS.Core.Guests;

/// <summary>
/// Calls a guest over RabbitMQ (DESIGN §4): a sealed envelope to <c>dbaas.guest</c> with the instance id as routing
/// key, the answer on the caller's own reply queue. Used by the taskmanager's workflows and by the management API.
/// </summary>
public interface IGuestClient
{
    /// <exception cref="GuestUnreachableException">No answer before <paramref name="timeout"/>, or no queue for the instance.</exception>
    /// <exception cref="GuestCallFailedException">The guest answered with an error (its message is user-readable).</exception>
    Task<JsonElement> CallAsync(Guid instanceId, string method, object? args, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="CallAsync"/>, with the guest's own time of the reply (<see cref="GuestAnswer.Sent"/>) when the
    /// transport carries one: a workflow that records what the call did stamps it with that time, so that a
    /// heartbeat whose state the guest read before answering can no longer overwrite it.
    /// </summary>
    async Task<GuestAnswer> AnswerAsync(Guid instanceId, string method, object? args, TimeSpan timeout, CancellationToken cancellationToken) =>
        new(await CallAsync(instanceId, method, args, timeout, cancellationToken), null);

    /// <summary>Fire and forget: the guest runs it without answering.</summary>
    Task CastAsync(Guid instanceId, string method, object? args, CancellationToken cancellationToken);
}

/// <param name="Sent">The guest's clock when it sent the reply; null from a client without one (the simulated guest).</param>
public sealed record GuestAnswer(JsonElement Result, DateTimeOffset? Sent);

public sealed class GuestUnreachableException(string message) : Exception(message);

public sealed class GuestCallFailedException(string errorType, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;
}
