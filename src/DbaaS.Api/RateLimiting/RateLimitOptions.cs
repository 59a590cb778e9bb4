namespace DbaaS.Api.RateLimiting;

/// <summary>Trove's <c>http_*_rate</c> options: requests per minute per project and verb; 0 disables a rule.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public int HttpGetRate { get; set; } = 200;
    public int HttpPostRate { get; set; } = 200;
    public int HttpPutRate { get; set; } = 200;
    public int HttpDeleteRate { get; set; } = 200;
    public int HttpMgmtPostRate { get; set; } = 200;

    public IReadOnlyList<RateLimitRule> Rules() =>
    [
        new("POST", "*", ".*", HttpPostRate),
        new("PUT", "*", ".*", HttpPutRate),
        new("DELETE", "*", ".*", HttpDeleteRate),
        new("GET", "*", ".*", HttpGetRate),
        new("POST", "*/mgmt", "^/mgmt", HttpMgmtPostRate),
    ];
}

public sealed record RateLimitRule(string Verb, string Uri, string Regex, int PerMinute)
{
    private readonly System.Text.RegularExpressions.Regex _pattern =
        new(Regex, System.Text.RegularExpressions.RegexOptions.Compiled | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public bool Matches(string verb, string path) =>
        PerMinute > 0 && string.Equals(verb, Verb, StringComparison.OrdinalIgnoreCase) && _pattern.IsMatch(path);
}
