using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync.Stream;

public sealed class AdaptiveSplitTests
{
    private static readonly DateTimeOffset From = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Window = new(From, From.AddYears(10));

    private static PaystackRecord Record(DateTimeOffset at) =>
        new(at.Ticks.ToString(), at, CursorFormat.Format(at), "{}");

    /// <summary>A first page of 100 records a minute apart, the newest an hour before the window ends.</summary>
    private static PageResult NewestFirstPage(long total) => new(
        Enumerable.Range(0, 100).Select(i => Record(Window.To.AddHours(-1).AddMinutes(-i))).ToList(),
        new PageMeta(Total: total, PerPage: 100, PageCount: (int)((total + 99) / 100)),
        RateLimitHeaders.None);

    [Fact]
    public void The_newest_stretch_the_first_page_holds_is_kept_and_only_the_rest_is_cut_for_its_pages()
    {
        var page = NewestFirstPage(total: 10_000);

        var plan = AdaptiveSplit.Of(Window, page, 100, 100, maxPagesPerWindow: 40);

        var (covered, records) = plan.Covered!.Value;
        var oldest = page.Records[^1].CreatedAt!.Value;
        Assert.Equal(new TimeWindow(oldest.AddTicks(1), Window.To), covered);
        // Every record but the oldest, whose instant may continue on page 2.
        Assert.Equal(page.Records.Take(99), records);
        // 9,901 records left at 100 a page need 100 pages: three parts of at most 40, then the kept stretch.
        Assert.Equal(4, plan.Parts.Count);
        Assert.Equal(Window.From, plan.Parts[0].From);
        Assert.Equal(Window.To, plan.Parts[^1].To);
        Assert.All(plan.Parts.Zip(plan.Parts.Skip(1)), pair => Assert.Equal(pair.Item1.To, pair.Item2.From));
        // A record a minute: the 9,901 older ones fill about a week, so the cuts fall in that week and the oldest part
        // takes the empty years before it, instead of one empty part per stretch of years.
        Assert.All(plan.Parts.Skip(1), part => Assert.True(part.From > Window.To.AddDays(-8), $"{part} starts before the last 8 days"));
    }

    [Fact]
    public void A_page_not_newest_first_keeps_nothing_and_cuts_the_window_for_all_its_pages()
    {
        var page = NewestFirstPage(total: 10_000);
        var shuffled = page with { Records = page.Records.Reverse().ToList() };

        var plan = AdaptiveSplit.Of(Window, shuffled, 100, 100, maxPagesPerWindow: 40);

        Assert.Null(plan.Covered);
        Assert.Equal(Window.Split(3), plan.Parts);
    }

    [Fact]
    public void A_window_is_never_cut_finer_than_a_minute()
    {
        var short_ = new TimeWindow(From, From.AddMinutes(2));

        Assert.False(AdaptiveSplit.CanSplit(short_, 3));
        Assert.True(AdaptiveSplit.CanSplit(short_, 2));
    }
}
