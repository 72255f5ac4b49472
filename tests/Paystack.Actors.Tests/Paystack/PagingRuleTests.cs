using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Paystack;

public sealed class PagingRuleTests
{
    [Theory]
    [InlineData(1, 3, 50, true)]
    [InlineData(2, 3, 50, true)]
    [InlineData(3, 3, 50, false)]
    [InlineData(1, 3, 7, true)] // a short page is not the end while pageCount says more
    [InlineData(4, 3, 50, false)]
    public void Offset_paging_follows_pageCount(int page, int pageCount, int records, bool expected) =>
        Assert.Equal(expected, PagingRule.HasNextOffsetPage(page, new PageMeta(PageCount: pageCount, PerPage: 50), records));

    [Theory]
    [InlineData(null, 1, true)]
    [InlineData(null, 0, false)]
    [InlineData(0, 3, true)] // pageCount 0 is "unknown", not "no pages"
    [InlineData(0, 0, false)]
    public void Without_pageCount_offset_paging_stops_on_an_empty_page(int? pageCount, int records, bool expected) =>
        Assert.Equal(expected, PagingRule.HasNextOffsetPage(5, new PageMeta(PageCount: pageCount, PerPage: 100), records));

    [Fact]
    public void An_empty_page_stops_even_if_pageCount_promises_more() =>
        Assert.False(PagingRule.HasNextOffsetPage(2, new PageMeta(PageCount: 9), 0));

    [Theory]
    [InlineData("Y3VzdG9tZXI6OTAyMjU4MDk=", null, true)]
    [InlineData(null, null, false)]
    [InlineData("null", null, false)]
    [InlineData("NULL", null, false)]
    [InlineData("", null, false)]
    [InlineData("abc", "abc", false)] // a token that does not move would loop forever
    public void Cursor_paging_runs_while_next_is_a_real_token(string? next, string? current, bool expected) =>
        Assert.Equal(expected, PagingRule.HasNextCursorPage(new PageMeta(Next: next), current));

    [Fact]
    public void HasNextPage_picks_the_rule_by_request()
    {
        var stream = StreamCatalog.Get("customers");
        var page = new PageResult([new PaystackRecord("1", null, null, "{}")], new PageMeta(PageCount: 2, Next: null), RateLimitHeaders.None);
        Assert.True(PagingRule.HasNextPage(new PageRequest(stream, 1, 50), page));
        Assert.False(PagingRule.HasNextPage(new PageRequest(stream, 1, 50, UseCursor: true), page));
    }
}
