namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>
/// Configuration overrides (Trove configuration groups) land in a file of their own that the engine's main config
/// includes last. The keys the guest agent owns (port, paths, authentication) are refused: an override must not
/// move the socket, open the engine to the network differently, or replace the admin credentials.
/// </summary>
public sealed class ConfigOverrides(string engine, Func<char, bool> keyCharacter, Func<string, string> canonicalKey, IReadOnlySet<string> reserved)
{
    public IReadOnlyList<KeyValuePair<string, string>> Validate(IReadOnlyDictionary<string, string>? overrides)
    {
        if (overrides is null) return [];
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            NameRules.Require(engine, "configuration parameter", key, 64, keyCharacter, "letters, digits and the engine's separators");
            if (!char.IsAsciiLetter(key[0]))
                throw new ArgumentException($"{engine}: configuration parameter '{key}' must start with a letter");
            if (reserved.Contains(canonicalKey(key)))
                throw new ArgumentException($"{engine}: configuration parameter '{key}' is managed by the guest agent and cannot be overridden");
            NameRules.RequireSingleLine(engine, $"the value of configuration parameter '{key}'", value, 1024);
            result.Add(new(key, value));
        }
        return result;
    }
}
