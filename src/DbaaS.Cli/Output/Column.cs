using System.Text.Json.Nodes;

namespace DbaaS.Cli.Output;

/// <summary>One column of a list: the header the openstack CLI prints and the API field behind it.</summary>
internal sealed record Column(string Header, string Field, Func<JsonObject, JsonNode?>? Read = null)
{
    public JsonNode? ValueIn(JsonObject row) => Read is null ? row[Field] : Read(row);

    public bool IsNamed(string name) =>
        string.Equals(name, Header, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, Field, StringComparison.OrdinalIgnoreCase);
}
