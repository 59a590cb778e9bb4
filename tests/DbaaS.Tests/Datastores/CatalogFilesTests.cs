using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.Json;

namespace DbaaS.Tests.Datastores;

/// <summary>
/// Consistency checks for the embedded seed catalog (<c>catalog/*.json</c> in DbaaS.Core):
/// the expected datastores exist, and every parameter definition is internally coherent.
/// </summary>
public sealed class CatalogFilesTests
{
    private const string ResourcePrefix = "catalog/";

    private static readonly Assembly CoreAssembly = typeof(DbaaS.Core.Identity.AuthContext).Assembly;

    /// <summary>name → (manager, default version) of every datastore we ship.</summary>
    private static readonly IReadOnlyDictionary<string, (string Manager, string DefaultVersion)> Expected =
        new Dictionary<string, (string, string)>
        {
            ["mariadb"] = ("mariadb", "10.11"),
            ["mysql"] = ("mysql", "8.0"),
            ["postgresql"] = ("postgresql", "15"),
            ["redis"] = ("redis", "7.0"),
            ["cassandra"] = ("cassandra", "4.1"),
            ["mongodb"] = ("mongodb", "7.0"),
        };

    private static readonly HashSet<string> ValidTypes = ["integer", "float", "string", "boolean", "list"];

    private static readonly HashSet<string> DatastoreKeys = ["name", "manager", "default_version", "versions", "parameters"];

    private static readonly HashSet<string> VersionKeys = ["name", "version", "image_tags", "packages", "active"];

    private static readonly HashSet<string> ParameterKeys =
    [
        "name", "type", "min", "max", "restart_required", "dynamic", "default", "allowed_values", "unit", "description",
    ];

    public static TheoryData<string> DatastoreNames => new(Expected.Keys);

    [Fact]
    public void Every_expected_datastore_has_exactly_one_embedded_catalog_file()
    {
        var resources = CatalogResourceNames();

        var names = resources.Select(r => r[ResourcePrefix.Length..^".json".Length]).ToList();
        Assert.Equal(Expected.Keys.OrderBy(n => n, StringComparer.Ordinal), names.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DatastoreNames))]
    public void Datastore_header_and_versions_are_valid(string datastore)
    {
        using var doc = Load(datastore);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        AssertExactKeys(root, DatastoreKeys, datastore);

        var (manager, defaultVersion) = Expected[datastore];
        Assert.Equal(datastore, RequiredString(root, "name", datastore));
        Assert.Equal(manager, RequiredString(root, "manager", datastore));
        Assert.Equal(defaultVersion, RequiredString(root, "default_version", datastore));

        var versions = root.GetProperty("versions");
        Assert.Equal(JsonValueKind.Array, versions.ValueKind);
        Assert.NotEqual(0, versions.GetArrayLength());

        var versionNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in versions.EnumerateArray())
        {
            AssertExactKeys(v, VersionKeys, $"{datastore} version");
            var name = RequiredString(v, "name", datastore);
            Assert.True(versionNames.Add(name), $"{datastore}: duplicate version name '{name}'");
            var full = RequiredString(v, "version", datastore);
            Assert.True(full == name || full.StartsWith(name + ".", StringComparison.Ordinal),
                $"{datastore}: version '{full}' does not belong to version line '{name}'");
            AssertNonEmptyStringArray(v.GetProperty("image_tags"), $"{datastore} {name} image_tags");
            AssertNonEmptyStringArray(v.GetProperty("packages"), $"{datastore} {name} packages");
            Assert.True(v.GetProperty("active").ValueKind is JsonValueKind.True or JsonValueKind.False,
                $"{datastore} {name}: active must be a boolean");
        }

        var defaultEntry = versions.EnumerateArray().SingleOrDefault(v => v.GetProperty("name").GetString() == defaultVersion);
        Assert.True(defaultEntry.ValueKind == JsonValueKind.Object, $"{datastore}: default_version '{defaultVersion}' is not listed in versions");
        Assert.True(defaultEntry.GetProperty("active").GetBoolean(), $"{datastore}: default version must be active");
    }

    [Theory]
    [MemberData(nameof(DatastoreNames))]
    public void Parameters_are_valid_unique_and_sorted(string datastore)
    {
        using var doc = Load(datastore);
        var parameters = doc.RootElement.GetProperty("parameters");
        Assert.Equal(JsonValueKind.Array, parameters.ValueKind);
        Assert.NotEqual(0, parameters.GetArrayLength());

        var names = new List<string>();
        foreach (var p in parameters.EnumerateArray())
        {
            var name = RequiredString(p, "name", datastore);
            names.Add(name);
            AssertParameter(datastore, name, p);
        }

        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{datastore}: duplicate parameter names: {string.Join(", ", duplicates)}");
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
    }

    private static void AssertParameter(string datastore, string name, JsonElement p)
    {
        var where = $"{datastore}.{name}";
        AssertExactKeys(p, ParameterKeys, where);

        var type = RequiredString(p, "type", where);
        Assert.True(ValidTypes.Contains(type), $"{where}: invalid type '{type}'");

        var restart = p.GetProperty("restart_required");
        var dynamic = p.GetProperty("dynamic");
        Assert.True(restart.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{where}: restart_required must be a boolean");
        Assert.True(dynamic.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{where}: dynamic must be a boolean");
        Assert.True(dynamic.GetBoolean() == !restart.GetBoolean(), $"{where}: dynamic must equal !restart_required");

        Assert.False(string.IsNullOrWhiteSpace(RequiredString(p, "description", where)), $"{where}: description is empty");
        AssertNullOrString(p.GetProperty("unit"), $"{where}: unit");

        var numeric = type is "integer" or "float";
        var min = p.GetProperty("min");
        var max = p.GetProperty("max");
        if (!numeric)
        {
            Assert.True(min.ValueKind == JsonValueKind.Null, $"{where}: min is only allowed on integer/float parameters");
            Assert.True(max.ValueKind == JsonValueKind.Null, $"{where}: max is only allowed on integer/float parameters");
        }

        var lower = NumericBound(min, type, $"{where}: min");
        var upper = NumericBound(max, type, $"{where}: max");
        if (lower is { } lo && upper is { } hi)
        {
            Assert.True(lo <= hi, $"{where}: min {lo} is greater than max {hi}");
        }

        var allowedElement = p.GetProperty("allowed_values");
        List<string>? allowed = null;
        if (allowedElement.ValueKind != JsonValueKind.Null)
        {
            Assert.True(type == "string", $"{where}: allowed_values is only allowed on string parameters");
            Assert.Equal(JsonValueKind.Array, allowedElement.ValueKind);
            allowed = allowedElement.EnumerateArray().Select(e =>
            {
                Assert.True(e.ValueKind == JsonValueKind.String, $"{where}: allowed_values must be strings");
                return e.GetString()!;
            }).ToList();
            Assert.True(allowed.Count > 0, $"{where}: allowed_values must not be empty");
            Assert.True(allowed.Distinct(StringComparer.Ordinal).Count() == allowed.Count, $"{where}: allowed_values has duplicates");
        }

        var defaultElement = p.GetProperty("default");
        if (defaultElement.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        Assert.True(defaultElement.ValueKind == JsonValueKind.String, $"{where}: default must be a string or null");
        var value = defaultElement.GetString()!;

        if (allowed is not null)
        {
            Assert.True(allowed.Contains(value, StringComparer.Ordinal), $"{where}: default '{value}' is not one of the allowed values");
        }

        switch (type)
        {
            case "boolean":
                Assert.True(value is "true" or "false", $"{where}: boolean default must be \"true\" or \"false\", was '{value}'");
                break;
            case "integer":
            case "float":
                var parsed = ParseNumber(value, type);
                Assert.True(parsed is not null, $"{where}: default '{value}' is not a valid {type}");
                if (lower is { } l)
                {
                    Assert.True(parsed >= l, $"{where}: default {value} is below min {l}");
                }

                if (upper is { } u)
                {
                    Assert.True(parsed <= u, $"{where}: default {value} is above max {u}");
                }

                break;
        }
    }

    /// <summary>Numbers are compared as exact decimals scaled to integers, so 2^64-1 style limits stay exact.</summary>
    private static Number? NumericBound(JsonElement bound, string type, string where)
    {
        if (bound.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Assert.True(bound.ValueKind == JsonValueKind.Number, $"{where} must be a number or null");
        var parsed = ParseNumber(bound.GetRawText(), type);
        Assert.True(parsed is not null, $"{where} '{bound.GetRawText()}' is not a valid {type}");
        return parsed;
    }

    private static Number? ParseNumber(string text, string type)
    {
        if (type == "integer")
        {
            return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? new Number(i, 0)
                : null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            return null;
        }

        return Number.FromDecimalText(text);
    }

    private static JsonDocument Load(string datastore)
    {
        var resource = ResourcePrefix + datastore + ".json";
        using var stream = CoreAssembly.GetManifestResourceStream(resource);
        Assert.True(stream is not null, $"embedded resource '{resource}' not found in {CoreAssembly.GetName().Name}");
        return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
    }

    private static List<string> CatalogResourceNames() =>
        CoreAssembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .ToList();

    private static void AssertExactKeys(JsonElement obj, HashSet<string> expected, string where)
    {
        Assert.Equal(JsonValueKind.Object, obj.ValueKind);
        var actual = obj.EnumerateObject().Select(p => p.Name).ToList();
        var missing = expected.Except(actual).ToList();
        var unknown = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0, $"{where}: missing keys: {string.Join(", ", missing)}");
        Assert.True(unknown.Count == 0, $"{where}: unknown keys: {string.Join(", ", unknown)}");
        Assert.True(actual.Count == actual.Distinct(StringComparer.Ordinal).Count(), $"{where}: duplicate keys");
    }

    private static string RequiredString(JsonElement obj, string key, string where)
    {
        var value = obj.GetProperty(key);
        Assert.True(value.ValueKind == JsonValueKind.String, $"{where}: '{key}' must be a string");
        var s = value.GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(s), $"{where}: '{key}' must not be empty");
        return s;
    }

    private static void AssertNullOrString(JsonElement value, string where) =>
        Assert.True(value.ValueKind is JsonValueKind.Null or JsonValueKind.String, $"{where} must be a string or null");

    private static void AssertNonEmptyStringArray(JsonElement value, string where)
    {
        Assert.True(value.ValueKind == JsonValueKind.Array, $"{where} must be an array");
        Assert.True(value.GetArrayLength() > 0, $"{where} must not be empty");
        foreach (var item in value.EnumerateArray())
        {
            Assert.True(item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()),
                $"{where} must contain non-empty strings");
        }
    }

    /// <summary>An exact decimal number: <c>Mantissa × 10^-Scale</c>.</summary>
    private readonly record struct Number(BigInteger Mantissa, int Scale) : IComparable<Number>
    {
        public static Number? FromDecimalText(string text)
        {
            var s = text.Trim();
            var exponent = 0;
            var e = s.IndexOfAny(['e', 'E']);
            if (e >= 0)
            {
                if (!int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
                {
                    return null;
                }

                s = s[..e];
            }

            var dot = s.IndexOf('.');
            var scale = 0;
            if (dot >= 0)
            {
                scale = s.Length - dot - 1;
                s = s.Remove(dot, 1);
            }

            if (!BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mantissa))
            {
                return null;
            }

            scale -= exponent;
            if (scale < 0)
            {
                mantissa *= BigInteger.Pow(10, -scale);
                scale = 0;
            }

            return new Number(mantissa, scale);
        }

        public int CompareTo(Number other)
        {
            var scale = Math.Max(Scale, other.Scale);
            var a = Mantissa * BigInteger.Pow(10, scale - Scale);
            var b = other.Mantissa * BigInteger.Pow(10, scale - other.Scale);
            return a.CompareTo(b);
        }

        public static bool operator <=(Number left, Number right) => left.CompareTo(right) <= 0;

        public static bool operator >=(Number left, Number right) => left.CompareTo(right) >= 0;

        public static bool operator <(Number left, Number right) => left.CompareTo(right) < 0;

        public static bool operator >(Number left, Number right) => left.CompareTo(right) > 0;

        public override string ToString()
        {
            if (Scale == 0)
            {
                return Mantissa.ToString(CultureInfo.InvariantCulture);
            }

            var digits = BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
            var sign = Mantissa.Sign < 0 ? "-" : string.Empty;
            return $"{sign}{digits[..^Scale]}.{digits[^Scale..]}";
        }
    }
}
