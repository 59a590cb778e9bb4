using System.Text.Json;
using DbaaS.Contracts.Guest;

namespace DbaaS.Core.Guests;

/// <summary>
/// Call arguments as JSON: the protocol's own records through the source-generated <see cref="GuestJson"/>, anything
/// else (an anonymous object in a workflow) by reflection with snake_case names, as the wire uses.
/// </summary>
static class GuestArguments
{
    static readonly JsonSerializerOptions Fallback = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonElement? ToJson(object? args) => args switch
    {
        null => null,
        JsonElement element => element,
        _ when GuestJson.Default.GetTypeInfo(args.GetType()) is { } typeInfo => JsonSerializer.SerializeToElement(args, typeInfo),
        _ => JsonSerializer.SerializeToElement(args, args.GetType(), Fallback),
    };
}
