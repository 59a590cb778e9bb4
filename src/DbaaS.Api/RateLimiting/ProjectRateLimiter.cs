using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using DbaaS.Core.Errors;
using Microsoft.Extensions.Options;

namespace DbaaS.Api.RateLimiting;

/// <summary>
/// One fixed-window limiter (System.Threading.RateLimiting, what ASP.NET Core's rate limiter is built on) per
/// project and rule. Kept here rather than inside the middleware's partitioned limiter so that <c>GET /limits</c>
/// can report what remains.
/// </summary>
public sealed class ProjectRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly IReadOnlyList<RateLimitRule> _rules = options.Value.Rules();
    private readonly ConcurrentDictionary<(string Project, int Rule), FixedWindowRateLimiter> _limiters = new();

    public IReadOnlyList<RateLimitRule> Rules => _rules;

    public void Acquire(string projectId, string verb, string path)
    {
        for (var i = 0; i < _rules.Count; i++)
        {
            if (!_rules[i].Matches(verb, path)) continue;
            using var lease = LimiterFor(projectId, i).AttemptAcquire();
            if (lease.IsAcquired) continue;
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
            throw new OverLimitException(
                $"This request was rate-limited: at most {_rules[i].PerMinute} {_rules[i].Verb} requests per minute per project.",
                retryAfter);
        }
    }

    public int Remaining(string projectId, int ruleIndex) =>
        _limiters.TryGetValue((projectId, ruleIndex), out var limiter)
            ? (int)(limiter.GetStatistics()?.CurrentAvailablePermits ?? _rules[ruleIndex].PerMinute)
            : _rules[ruleIndex].PerMinute;

    private FixedWindowRateLimiter LimiterFor(string projectId, int ruleIndex) =>
        _limiters.GetOrAdd((projectId, ruleIndex), key => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = _rules[key.Rule].PerMinute,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values) limiter.Dispose();
    }
}

public static class RateLimitHeaders
{
    public static string Seconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
