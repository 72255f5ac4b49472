using System.Collections.Immutable;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync.Stream;

public sealed class PageSizingTests
{
    private static readonly TimeWindow Window = new(
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero));

    private static PageResult Page(int records, PageMeta meta) => new(
        Enumerable.Range(0, records).Select(i => new PaystackRecord(i.ToString(), Window.From, null, "{}")).ToList(), meta, RateLimitHeaders.None);

    private static PaystackApiException BadRequest() => new(PaystackErrorKind.BadRequest, "Paystack refused the request's parameters (400)", 400);

    [Theory]
    [InlineData(100, 100, 1000)] // clamped, and meta says so
    [InlineData(100, 200, 1000)] // clamped, meta echoes the size asked: the records of a page that is not the last tell
    [InlineData(200, 200, 1000)] // served as asked
    [InlineData(200, 200, 150)] // the last page is short because the records ran out, not because the size was clamped
    public void The_size_served_is_read_from_the_answer(int served, int echoed, int total)
    {
        var page = Page(Math.Min(served, total), new PageMeta(Total: total, PerPage: echoed, PageCount: (total + served - 1) / served));

        Assert.Equal(served, PageSizing.ServedSize(200, page));
    }

    [Fact]
    public void A_short_page_whose_page_count_the_total_does_not_fill_at_its_length_is_not_taken_for_a_clamp()
    {
        Assert.Equal(200, PageSizing.ServedSize(200, Page(150, new PageMeta(PageCount: 3))));
        Assert.Equal(200, PageSizing.ServedSize(200, Page(150, new PageMeta(Total: 1000, PageCount: 5))));
    }

    [Fact]
    public void A_refused_size_is_halved_down_to_50_and_a_size_once_served_is_not_refused()
    {
        var sizing = new PageSizing(400);
        var first = new PageTask(Window, 1, PerPage: 400);

        Assert.True(sizing.LowerIfRefused(first, BadRequest()));
        Assert.Equal(200, sizing.Current);
        Assert.True(sizing.LowerIfRefused(first with { PerPage = 200 }, BadRequest()));
        Assert.True(sizing.LowerIfRefused(first with { PerPage = 100 }, BadRequest()));
        Assert.Equal(50, sizing.Current);
        Assert.False(sizing.LowerIfRefused(first with { PerPage = 50 }, BadRequest()));

        var served = new PageSizing(400);
        served.Served(400);
        Assert.False(served.LowerIfRefused(first, BadRequest()));
        Assert.False(new PageSizing(400).LowerIfRefused(first with { Page = 2 }, BadRequest()));
        Assert.False(new PageSizing(400).LowerIfRefused(first, new PaystackApiException(PaystackErrorKind.Unauthorized, "no", 401)));
    }

    [Fact]
    public void A_window_partly_read_at_a_size_the_journal_did_not_keep_is_read_again()
    {
        var discovery = new PageDiscovery(StreamCatalog.Get("transactions"), TestSettings.Create().Engine);
        var pages = ImmutableSortedSet.Create(1, 2);

        Assert.True(discovery.SizeUnknown(Window, new WindowProgress(5, pages, null)));
        Assert.False(discovery.SizeUnknown(Window, new WindowProgress(5, pages, null, PerPage: 100)));
        Assert.False(discovery.SizeUnknown(Window, WindowProgress.None));
        Assert.Equal([3, 4, 5], discovery.Remaining(Window, new WindowProgress(5, pages, null, PerPage: 100)).Select(t => t.Page));
        Assert.All(discovery.Remaining(Window, new WindowProgress(5, pages, null, PerPage: 100)), t => Assert.Equal(100, t.PerPage));
    }
}
