using System.Diagnostics.CodeAnalysis;

namespace DbaaS.Cli.Http;

/// <summary>Accepts only absolute http(s) URLs, so a typo in a URL setting fails before any request is attempted.</summary>
internal static class HttpUrl
{
    public static bool TryParse(string value, [NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
