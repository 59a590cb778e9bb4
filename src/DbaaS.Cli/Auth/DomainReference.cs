using System.Text.Json.Nodes;

namespace DbaaS.Cli.Auth;

/// <summary>A Keystone domain given by ID or by name; like the openstack CLI, neither means the domain named "Default".</summary>
internal sealed record DomainReference(string? Id, string? Name)
{
    public const string DefaultName = "Default";

    public JsonObject ToJson() => Id is not null
        ? new JsonObject { ["id"] = Id }
        : new JsonObject { ["name"] = Name ?? DefaultName };
}
