using System.Text.Json;
using DbaaS.Core.Errors;

namespace DbaaS.Api.Http;

/// <summary>
/// One JSON object of a request, read field by field. Each accessor checks presence and type and names the field
/// (with its path) when it refuses; <see cref="RejectUnknown"/> refuses fields nobody read.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private JsonFields(JsonElement element, string path)
    {
        _element = element;
        _path = path;
    }

    public static JsonFields Root(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new BadRequestException($"The request body must be a JSON object, not {Describe(element)}.");
        return new JsonFields(element, "");
    }

    public bool Has(string name) => _element.TryGetProperty(name, out _);

    public IEnumerable<string> Names => _element.EnumerateObject().Select(p => p.Name);

    public JsonFields Object(string name) =>
        OptionalObject(name) ?? throw Missing(name, "an object");

    public JsonFields? OptionalObject(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) throw WrongType(name, "an object", value);
        return new JsonFields(value, PathOf(name));
    }

    public string String(string name, int maxLength = 255) =>
        OptionalString(name, maxLength) ?? throw Missing(name, "a string");

    public string? OptionalString(string name, int maxLength = 255, bool allowEmpty = false)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw WrongType(name, "a string", value);
        var text = value.GetString()!;
        if (!allowEmpty && text.Trim().Length == 0) throw Invalid(name, "must not be empty");
        if (text.Contains('\0')) throw Invalid(name, NulReason);
        if (text.Length > maxLength) throw Invalid(name, $"is {text.Length} characters long; the limit is {maxLength}");
        return text;
    }

    public int Int(string name, int min, int max, bool acceptString = false) =>
        OptionalInt(name, min, max, acceptString) ?? throw Missing(name, "an integer");

    public int? OptionalInt(string name, int min, int max, bool acceptString = false)
    {
        if (!TryGet(name, out var value)) return null;
        decimal number;
        // Read as decimal so that a whole number too big for an int is refused as out of range, not as "not an integer".
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out number) && number == decimal.Truncate(number)) { }
        else if (acceptString && value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out var parsed)) number = parsed;
        else throw WrongType(name, "an integer", value);
        if (number < min || number > max) throw Invalid(name, $"is {number}; it must be between {min} and {max}");
        return (int)number;
    }

    public decimal? OptionalNumber(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
        if (value.ValueKind == JsonValueKind.Number) throw Invalid(name, $"{value.GetRawText()} is out of range");
        throw WrongType(name, "a number", value);
    }

    /// <summary>true/false, or 0/1 as Trove's older clients send for flags like restart_required.</summary>
    public bool? OptionalBool(string name)
    {
        if (!TryGet(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            _ => throw WrongType(name, "a boolean", value),
        };
    }

    public IReadOnlyList<string>? OptionalStringList(string name, int maxItems = 100, int maxLength = 255)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(name, "an array of strings", value);
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw WrongType(name, "an array of strings", item);
            var text = item.GetString()!;
            if (text.Contains('\0')) throw Invalid(name, NulReason);
            if (text.Length > maxLength) throw Invalid(name, $"has an item longer than {maxLength} characters");
            items.Add(text);
        }
        if (items.Count > maxItems) throw Invalid(name, $"has {items.Count} items; the limit is {maxItems}");
        return items;
    }

    /// <summary>An array of objects, each read with its index in the path (<c>users[1].name</c>).</summary>
    public IReadOnlyList<JsonFields> OptionalObjectList(string name, int maxItems = 100)
    {
        if (!TryGet(name, out var value)) return [];
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(name, "an array of objects", value);
        var items = new List<JsonFields>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw WrongType(name, "an array of objects", item);
            items.Add(new JsonFields(item, $"{PathOf(name)}[{items.Count}]"));
        }
        if (items.Count > maxItems) throw Invalid(name, $"has {items.Count} items; the limit is {maxItems}");
        return items;
    }

    /// <summary>A string, or a number given where Trove's clients send either (flavorRef).</summary>
    public string StringOrNumber(string name, int maxLength = 255)
    {
        if (!TryGet(name, out var value)) throw Missing(name, "a string or a number");
        if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        return OptionalString(name, maxLength) ?? throw Missing(name, "a string or a number");
    }

    /// <summary>True when the field is present and JSON null (used where null means "clear it").</summary>
    public bool IsNull(string name)
    {
        if (!_element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Null) return false;
        _read.Add(name);
        return true;
    }

    /// <summary>Accepts a field without reading it (documented as having no effect).</summary>
    public void Ignore(string name) => _read.Add(name);

    public void RejectUnknown()
    {
        foreach (var property in _element.EnumerateObject())
            if (!_read.Contains(property.Name))
                throw new BadRequestException($"Unknown field '{PathOf(property.Name)}' in the request body.");
    }

    public BadRequestException Invalid(string name, string reason) => new($"Invalid field '{PathOf(name)}': {reason}.");

    private bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        if (!_element.TryGetProperty(name, out value)) return false;
        if (value.ValueKind == JsonValueKind.Null) return false;
        return true;
    }

    /// <summary>PostgreSQL text cannot hold U+0000; refused here rather than failing as a server error on save.</summary>
    private const string NulReason = "must not contain the NUL character (\\u0000)";

    private BadRequestException Missing(string name, string expected) =>
        new($"Missing field '{PathOf(name)}': {expected} is required.");

    private BadRequestException WrongType(string name, string expected, JsonElement actual) =>
        new($"Invalid field '{PathOf(name)}': expected {expected}, got {Describe(actual)}.");

    private string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
