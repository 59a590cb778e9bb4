using System.Text.Json;
using System.Text.Json.Nodes;

namespace DbaaS.Cli.Output;

/// <summary>
/// Renders a JSON value as cell text the way the openstack CLI does: True/False/None for booleans and
/// null, lists joined with commas, objects as key='value' pairs.
/// </summary>
internal static class CellText
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue value => Scalar(value),
        JsonArray list when list.All(item => item is null or JsonValue) => string.Join(", ", list.Select(Of)),
        JsonArray list => string.Join("\n", list.Select(Of)),
        JsonObject map => string.Join(", ", map.Select(pair => $"{pair.Key}='{Of(pair.Value)}'")),
        _ => node.ToJsonString(),
    };

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        JsonValueKind.String => value.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
