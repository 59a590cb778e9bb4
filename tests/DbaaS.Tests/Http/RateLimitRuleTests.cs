using DbaaS.Api.RateLimiting;
using DbaaS.Core.Errors;
using Microsoft.Extensions.Options;

namespace DbaaS.Tests.Http;

public sealed class RateLimitRuleTests
{
    [Fact]
    public void The_mgmt_post_rule_matches_only_mgmt_paths()
    {
        var mgmt = new RateLimitOptions().Rules().Single(r => r.Regex == "^/mgmt");
        Assert.True(mgmt.Matches("POST", "/mgmt/flavors"));
        Assert.False(mgmt.Matches("POST", "/instances"));
        Assert.False(mgmt.Matches("GET", "/mgmt/flavors"));
    }

    [Fact]
    public void A_zero_rate_disables_the_rule()
    {
        var rules = new RateLimitOptions { HttpGetRate = 0 }.Rules();
        Assert.False(rules.Single(r => r.Verb == "GET").Matches("GET", "/flavors"));
    }

    [Fact]
    public void Limiters_count_per_project_and_refuse_past_the_limit()
    {
        using var limiter = new ProjectRateLimiter(Options.Create(new RateLimitOptions { HttpPostRate = 2, HttpMgmtPostRate = 0 }));
        limiter.Acquire("a", "POST", "/instances");
        limiter.Acquire("a", "POST", "/instances");
        var refused = Assert.Throws<OverLimitException>(() => limiter.Acquire("a", "POST", "/instances"));
        Assert.NotNull(refused.RetryAfter);
        limiter.Acquire("b", "POST", "/instances");
        Assert.Equal(0, limiter.Remaining("a", 0));
        Assert.Equal(1, limiter.Remaining("b", 0));
    }
}
