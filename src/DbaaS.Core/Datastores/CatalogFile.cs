using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DbaaS.Core.Datastores;

/// <summary>One <c>Datastores/Catalog/&lt;name&gt;.json</c>: a datastore, its versions and the parameters they accept.</summary>
public sealed record CatalogFile(
    string Name,
    string Manager,
    string DefaultVersion,
    IReadOnlyList<CatalogVersion> Versions,
    IReadOnlyList<CatalogParameter> Parameters)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static IReadOnlyList<CatalogFile> LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("catalog/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<CatalogFile>(stream, Json)
                       ?? throw new InvalidOperationException($"Catalog resource {n} is empty");
            })
            .ToList();
    }
}

public sealed record CatalogVersion(string Name, string Version, IReadOnlyList<string>? ImageTags, IReadOnlyList<string>? Packages, bool Active = true);

public sealed record CatalogParameter(
    string Name,
    string Type,
    decimal? Min,
    decimal? Max,
    bool RestartRequired,
    bool Dynamic,
    string? Default,
    IReadOnlyList<string>? AllowedValues,
    string? Unit,
    string? Description);
