namespace DbaaS.Cli.Http;

/// <summary>Builds a relative route from segments, escaping each one, because names such as flavor or parameter names come from the user.</summary>
internal static class ApiPath
{
    public static string Of(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));
}
