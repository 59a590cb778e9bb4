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

    /// <summary>Fire and forget: the guest runs it without answering.</summary>
    Task CastAsync(Guid instanceId, string method, object? args, CancellationToken cancellationToken);
}

public sealed class GuestUnreachableException(string message) : Exception(message);

public sealed class GuestCallFailedException(string errorType, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;
}
