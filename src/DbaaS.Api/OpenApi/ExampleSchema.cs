using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace DbaaS.Api.OpenApi;

/// <summary>
/// A JSON schema inferred from example bodies, so that the example is the one source of a route's shape. Objects
/// give properties, arrays give items (merged over all elements), a number is an integer unless written with a
/// fraction or exponent, null makes a field nullable. Several examples merge the same way: a field one example
/// leaves null or out takes its type from another; integer and number make number; other mixes allow each type.
/// </summary>
public static class ExampleSchema
{
    public static OpenApiSchema Infer(IEnumerable<JsonNode?> examples) =>
        examples.Select(Of).DefaultIfEmpty(new OpenApiSchema()).Aggregate(Merge);

    public static OpenApiSchema Of(JsonNode? node) => node switch
    {
        null => new OpenApiSchema { Type = JsonSchemaType.Null },
        JsonObject obj => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = obj.ToDictionary(p => p.Key, p => (IOpenApiSchema)Of(p.Value)),
        },
        JsonArray array => new OpenApiSchema { Type = JsonSchemaType.Array, Items = Infer(array) },
        JsonValue value => new OpenApiSchema { Type = TypeOf(value) },
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "not a JSON node kind"),
    };

    private static JsonSchemaType TypeOf(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsonSchemaType.String,
        JsonValueKind.True or JsonValueKind.False => JsonSchemaType.Boolean,
        JsonValueKind.Number => value.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? JsonSchemaType.Integer : JsonSchemaType.Number,
        var kind => throw new ArgumentOutOfRangeException(nameof(value), kind, "not a JSON value kind"),
    };

    public static OpenApiSchema Merge(OpenApiSchema a, OpenApiSchema b)
    {
        if (IsAny(a)) return b;
        if (IsAny(b)) return a;
        var type = a.Type | b.Type;
        if ((type & JsonSchemaType.Number) != 0) type &= ~JsonSchemaType.Integer;
        var merged = new OpenApiSchema { Type = type };
        if (a.Properties is not null || b.Properties is not null)
        {
            var properties = new Dictionary<string, IOpenApiSchema>(a.Properties ?? new Dictionary<string, IOpenApiSchema>());
            foreach (var (name, schema) in b.Properties ?? new Dictionary<string, IOpenApiSchema>())
                properties[name] = properties.TryGetValue(name, out var existing)
                    ? Merge((OpenApiSchema)existing, (OpenApiSchema)schema)
                    : schema;
            merged.Properties = properties;
        }
        if (a.Items is not null || b.Items is not null)
            merged.Items = a.Items is null ? b.Items : b.Items is null ? a.Items : Merge((OpenApiSchema)a.Items, (OpenApiSchema)b.Items);
        return merged;
    }

    /// <summary>The schema of what no example shows (the items of an empty array): anything.</summary>
    private static bool IsAny(OpenApiSchema schema) => schema.Type is null && schema.Properties is null && schema.Items is null;
}
