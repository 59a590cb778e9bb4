namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>
/// Defence in depth (the API validates too): every name a plugin gets is checked against the engine's own rules
/// before it reaches SQL, a config file or a command line, and refused with a message that names the engine.
/// </summary>
public static class NameRules
{
    /// <exception cref="ArgumentException">The name is missing, too long, or has a character outside <paramref name="allowed"/>.</exception>
    public static string Require(string engine, string what, string? name, int maxLength, Func<char, bool> allowed, string allowedText)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength || !name.All(allowed))
            throw new ArgumentException(
                $"{engine}: {what} {Show(name)} is not valid: use 1 to {maxLength} characters, {allowedText}");
        return name;
    }

    public static void RefuseReserved(string engine, string what, string name, IEnumerable<string> reserved, StringComparer comparer)
    {
        if (reserved.Contains(name, comparer))
            throw new ArgumentException($"{engine}: {what} '{name}' is reserved for the engine or the guest agent");
    }

    /// <summary>Any printable text up to 256 characters. The message never echoes the password.</summary>
    public static string RequirePassword(string engine, string user, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length > 256 || password.Any(char.IsControl))
            throw new ArgumentException(
                $"{engine}: the password of user '{user}' is not valid: use 1 to 256 characters without control characters");
        return password;
    }

    /// <summary>Free text bound for a config file or SQL string: no control characters, so it stays on its line.</summary>
    public static string RequireSingleLine(string engine, string what, string? value, int maxLength)
    {
        if (value is null || value.Length > maxLength || value.Any(char.IsControl))
            throw new ArgumentException(
                $"{engine}: {what} {Show(value)} is not valid: use at most {maxLength} characters without control characters");
        return value;
    }

    /// <summary>Paths end up in config files and option files: refuse what would need quoting rules of its own.</summary>
    public static string RequireSafePath(string engine, string what, string path)
    {
        if (!Path.IsPathFullyQualified(path) || path.Any(c => char.IsControl(c) || c is '"' or '\'' or '\\' or '#' or '$'))
            throw new ArgumentException(
                $"{engine}: {what} {Show(path)} must be an absolute path without quotes, backslashes, '#', '$' or control characters");
        return path;
    }

    static string Show(string? value)
    {
        if (value is null) return "(missing)";
        var shown = new string(value.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return $"'{shown}{(value.Length > 80 ? "…" : "")}'";
    }
}
