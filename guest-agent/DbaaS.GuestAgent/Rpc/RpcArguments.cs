using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Rpc;

/// <summary>A call whose arguments are missing or wrong: answered with <see cref="GuestErrorTypes.BadArguments"/>.</summary>
public sealed class RpcArgumentException(string message) : Exception(message);

/// <summary>Reads and checks a call's arguments before any of them reaches a plugin.</summary>
static class RpcArguments
{
    public static T Read<T>(string method, JsonElement? args, JsonTypeInfo<T> type) where T : class
    {
        if (args is not { ValueKind: JsonValueKind.Object } element)
            throw new RpcArgumentException($"{method} needs its arguments as a JSON object");
        try
        {
            return element.Deserialize(type) ?? throw new RpcArgumentException($"{method} needs its arguments");
        }
        catch (JsonException exception)
        {
            // The serializer's message names the path and the expected type, never the value.
            throw new RpcArgumentException($"{method}: {exception.Message}");
        }
    }

    public static PrepareArgs Checked(PrepareArgs args)
    {
        Positive(GuestMethods.Prepare, "memory_mb", args.MemoryMb);
        Positive(GuestMethods.Prepare, "volume_size_gb", args.VolumeSizeGb);
        var databases = args.Databases ?? [];
        var users = args.Users ?? [];
        if (databases.Any(database => string.IsNullOrWhiteSpace(database?.Name)))
            throw new RpcArgumentException("prepare: every database needs a name");
        if (users.Any(user => string.IsNullOrWhiteSpace(user?.Name) || string.IsNullOrEmpty(user.Password)))
            throw new RpcArgumentException("prepare: every user needs a name and a password");
        return args with
        {
            Databases = databases,
            Users = users.Select(user => user with { Databases = user.Databases ?? [] }).ToList(),
        };
    }

    public static void Positive(string method, string name, int value)
    {
        if (value <= 0) throw new RpcArgumentException($"{method}: {name} must be a positive number");
    }
}
