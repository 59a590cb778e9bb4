namespace DbaaS.Core.Datastores;

public sealed class Datastore
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public Guid? DefaultVersionId { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

public sealed class DatastoreVersion
{
    public Guid Id { get; init; }
    public Guid DatastoreId { get; init; }
    public required string Name { get; set; }
    public required string Version { get; set; }
    /// <summary>Which guest-agent plugin runs this version (Trove's datastore_manager).</summary>
    public required string Manager { get; set; }
    public string? ImageId { get; set; }
    public string[] ImageTags { get; set; } = [];
    public string[] Packages { get; set; } = [];
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

public sealed class DatastoreVersionFlavor
{
    public Guid DatastoreVersionId { get; init; }
    public required string FlavorId { get; init; }
}

/// <summary>One configuration parameter a datastore version accepts, with the rule a value must satisfy.</summary>
public sealed class ConfigurationParameter
{
    public Guid Id { get; init; }
    public Guid DatastoreVersionId { get; init; }
    public required string Name { get; set; }
    public required string DataType { get; set; }
    public decimal? MinValue { get; set; }
    public decimal? MaxValue { get; set; }
    public bool RestartRequired { get; set; }
    public bool Dynamic { get; set; }
    public string? DefaultValue { get; set; }
    public string[]? AllowedValues { get; set; }
    public string? Unit { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public bool Deleted { get; set; }
    public DateTime? DeletedAt { get; set; }
}

public static class ParameterTypes
{
    public const string Integer = "integer";
    public const string Float = "float";
    public const string String = "string";
    public const string Boolean = "boolean";
    public const string List = "list";

    public static readonly IReadOnlyList<string> All = [Integer, Float, String, Boolean, List];
}
