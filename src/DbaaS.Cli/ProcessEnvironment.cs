using System.Collections;

namespace DbaaS.Cli;

/// <summary>Copies the process environment so the rest of the CLI only ever reads a plain dictionary (tests pass their own).</summary>
internal static class ProcessEnvironment
{
    public static IDictionary<string, string?> Read()
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            copy[(string)entry.Key] = entry.Value as string;
        }
        return copy;
    }
}
