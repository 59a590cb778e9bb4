using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DbaaS.Contracts.Guest;
using DbaaS.Core.Errors;
using DbaaS.Core.Guests;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Access;

/// <summary>
/// Synchronous guest calls of the database, user and root routes, with the guest's errors turned into faults a
/// caller can act on: not_found → 404; already_exists, not_supported, bad_arguments → 400 (Trove's
/// UserAlreadyExists and DatabaseAlreadyExists are BadRequest); failed → 500 with the guest's message; no answer → 503.
/// Arguments may hold passwords: they are sent, never logged.
/// </summary>
public sealed class AccessGuestCalls(IGuestClient guests, IOptions<AccessOptions> options)
{
    public async Task<T> CallAsync<T>(AccessTarget target, string method, object? args, JsonTypeInfo<T> result, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(target, method, args, cancellationToken);
        try
        {
            return answer.Deserialize(result)
                   ?? throw new GuestOperationFailedException($"The guest of instance {target.Instance.Id} answered {method} with nothing.");
        }
        catch (JsonException ex)
        {
            throw new GuestOperationFailedException($"The guest of instance {target.Instance.Id} answered {method} in an unexpected shape: {ex.Message}");
        }
    }

    public async Task<JsonElement> CallAsync(AccessTarget target, string method, object? args, CancellationToken cancellationToken)
    {
        var id = target.Instance.Id;
        try
        {
            return await guests.CallAsync(id, method, args, TimeSpan.FromSeconds(options.Value.GuestCallTimeoutSeconds), cancellationToken);
        }
        catch (GuestUnreachableException ex)
        {
            throw new ServiceUnavailableException(
                $"The guest agent of instance {id} did not answer {method} within {options.Value.GuestCallTimeoutSeconds} seconds; try again shortly.", ex);
        }
        catch (GuestCallFailedException ex)
        {
            throw ex.ErrorType switch
            {
                GuestErrorTypes.NotFound => new NotFoundException(ex.Message),
                GuestErrorTypes.AlreadyExists or GuestErrorTypes.NotSupported or GuestErrorTypes.BadArguments => new BadRequestException(ex.Message),
                _ => new GuestOperationFailedException($"Instance {id} could not do {method}: {ex.Message}"),
            };
        }
    }
}
