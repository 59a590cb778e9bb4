using System.Text.Json;

namespace DbaaS.IntegrationTests.Http;

/// <summary>
/// Checks a real JSON body against a schema of the OpenAPI document, as far as the document's schemas go: types,
/// nullability, anyOf, and no field the schema does not list. Presence is not checked: the schemas, inferred from
/// examples, do not say which fields are required.
/// </summary>
internal static class OpenApiSchemaAssert
{
    public static IEnumerable<string> Problems(JsonElement document, JsonElement schema, JsonElement value, string at)
    {
        if (schema.TryGetProperty("$ref", out var reference)) schema = Resolve(document, reference.GetString()!);
        var nullable = schema.TryGetProperty("nullable", out var flag) && flag.GetBoolean();
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable) yield return $"{at}: is null; the schema does not allow null";
            yield break;
        }
        if (schema.TryGetProperty("enum", out var allowed) && allowed.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Null))
        {
            yield return $"{at}: is {value.ValueKind}; the schema says it is always null";
            yield break;
        }
        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            if (!anyOf.EnumerateArray().Any(option => !Problems(document, option, value, at).Any()))
                yield return $"{at}: {value.ValueKind} {value} matches none of {anyOf}";
            yield break;
        }
        if (!schema.TryGetProperty("type", out var typeElement)) yield break;

        var type = typeElement.GetString();
        if (!IsOfType(value, type))
        {
            yield return $"{at}: is {value.ValueKind} {Shorten(value)}; the schema says {type}";
            yield break;
        }
        if (type == "object")
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(property.Name, out var propertySchema))
                    yield return $"{at}.{property.Name}: is not in the schema (undocumented field)";
                else
                    foreach (var problem in Problems(document, propertySchema, property.Value, $"{at}.{property.Name}"))
                        yield return problem;
            }
        }
        else if (type == "array" && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            foreach (var problem in Problems(document, items, item, $"{at}[{index++}]"))
                yield return problem;
        }
    }

    /// <summary>
    /// Documented fields no body shows, as paths like <c>flavors[].links[].href</c>. For answers rich enough
    /// to show every field once (the seeded catalog), a field here is one the examples invented or misspelled.
    /// </summary>
    public static IEnumerable<string> Unseen(JsonElement document, JsonElement schema, IEnumerable<JsonElement> bodies)
    {
        var seen = new HashSet<string>();
        foreach (var body in bodies) Collect(body, "", seen);
        return Documented(document, schema, "").Where(path => !seen.Contains(path));
    }

    private static IEnumerable<string> Documented(JsonElement document, JsonElement schema, string at)
    {
        if (schema.TryGetProperty("$ref", out var reference)) schema = Resolve(document, reference.GetString()!);
        if (schema.TryGetProperty("properties", out var properties))
            foreach (var property in properties.EnumerateObject())
            {
                yield return $"{at}.{property.Name}";
                foreach (var nested in Documented(document, property.Value, $"{at}.{property.Name}")) yield return nested;
            }
        if (schema.TryGetProperty("items", out var items))
            foreach (var nested in Documented(document, items, $"{at}[]")) yield return nested;
    }

    private static void Collect(JsonElement value, string at, HashSet<string> seen)
    {
        if (value.ValueKind == JsonValueKind.Object)
            foreach (var property in value.EnumerateObject())
            {
                seen.Add($"{at}.{property.Name}");
                Collect(property.Value, $"{at}.{property.Name}", seen);
            }
        else if (value.ValueKind == JsonValueKind.Array)
            foreach (var item in value.EnumerateArray()) Collect(item, $"{at}[]", seen);
    }

    private static bool IsOfType(JsonElement value, string? type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0,
        _ => true,
    };

    private static JsonElement Resolve(JsonElement document, string reference)
    {
        const string prefix = "#/components/schemas/";
        Assert.StartsWith(prefix, reference);
        return document.GetProperty("components").GetProperty("schemas").GetProperty(reference[prefix.Length..]);
    }

    private static string Shorten(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
