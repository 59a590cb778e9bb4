using DbaaS.Core.Errors;

namespace DbaaS.Core.Access;

/// <summary>
/// A user as a route names it: <c>name</c> or <c>name@host</c> (URL-encoded, so <c>app%40%25</c> is app@%). No engine
/// allows '@' in a user name, so the first '@' separates the two.
/// </summary>
public sealed record UserName(string Name, string? Host)
{
    public static UserName Parse(string text)
    {
        var at = text.IndexOf('@');
        var name = at < 0 ? text : text[..at];
        var host = at < 0 ? null : text[(at + 1)..];
        if (name.Length == 0) throw new BadRequestException($"User '{text}' has no name before '@'.");
        if (host is { Length: 0 }) throw new BadRequestException($"User '{text}' has an empty host after '@'.");
        return new UserName(name, host);
    }

    /// <summary>How lists and markers write a user: <c>name@host</c> where hosts exist, else <c>name</c>.</summary>
    public static string Format(string name, string? host) => host is null ? name : $"{name}@{host}";

    public override string ToString() => Format(Name, Host);
}
