using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

/// <summary>Compares JSON by structure, so key order and whitespace do not matter, and prints both sides on failure.</summary>
public static class JsonAssert
{
    public static void Equal(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual),
            $"Expected JSON:\n{expectedNode?.ToJsonString()}\nActual JSON:\n{actual?.ToJsonString()}");
    }

    public static void Equal(string expected, string actualText) => Equal(expected, JsonNode.Parse(actualText));
}
