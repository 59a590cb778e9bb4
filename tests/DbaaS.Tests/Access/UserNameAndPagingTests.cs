using DbaaS.Core.Access;
using DbaaS.Core.Errors;

namespace DbaaS.Tests.Access;

public sealed class UserNameAndPagingTests
{
    [Theory]
    [InlineData("app", "app", null)]
    [InlineData("app@%", "app", "%")]
    [InlineData("app@10.0.0.%", "app", "10.0.0.%")]
    public void A_route_user_is_a_name_or_name_at_host(string text, string name, string? host) =>
        Assert.Equal(new UserName(name, host), UserName.Parse(text));

    [Theory]
    [InlineData("@host")]
    [InlineData("app@")]
    public void A_route_user_without_a_name_or_with_an_empty_host_is_refused(string text) =>
        Assert.Throws<BadRequestException>(() => UserName.Parse(text));

    static readonly AccessOptions Options = new() { DefaultPageSize = 2, MaxPageSize = 3 };

    static ListPage<string> Page(string[] items, int? limit, string? marker) =>
        ListPaging.Page(items, s => s, (s, after) => string.CompareOrdinal(s, after) > 0, limit, marker, Options);

    [Fact]
    public void Pages_follow_the_marker_and_the_last_page_has_no_next_marker()
    {
        string[] items = ["a", "b", "c", "d", "e"];
        var first = Page(items, null, null);
        Assert.Equal(["a", "b"], first.Items);
        Assert.Equal("b", first.NextMarker);
        var second = Page(items, 10, "b");
        Assert.Equal(["c", "d", "e"], second.Items);
        Assert.Null(second.NextMarker);
    }

    [Fact]
    public void A_marker_that_is_gone_still_pages_from_where_it_would_sort()
    {
        var page = Page(["a", "c", "d"], 1, "b");
        Assert.Equal(["c"], page.Items);
        Assert.Equal("c", page.NextMarker);
    }

    [Fact]
    public void A_limit_below_one_is_refused() =>
        Assert.Throws<BadRequestException>(() => Page(["a"], 0, null));
}
