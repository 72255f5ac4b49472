using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync.Stream;

public sealed class PageCountCheckTests
{
    [Theory]
    [InlineData(5, 250, 50)] // exactly what the total fills
    [InlineData(6, 250, 50)] // one more: a record created between requests
    [InlineData(1, 0, 50)]
    public void A_count_the_total_can_fill_is_believed(int reported, long total, int perPage)
    {
        var check = PageCountCheck.Of(new PageMeta(Total: total, PerPage: perPage), reported, perPage);

        Assert.Equal((reported, (string?)null, (string?)null), (check.Pages, check.Problem, check.Understated));
    }

    [Fact]
    public void A_count_far_beyond_the_total_is_refused()
    {
        var check = PageCountCheck.Of(new PageMeta(Total: 250, PerPage: 50), 1_000_000, 50);

        Assert.Contains("meta.pageCount is 1000000 but meta.total 250 at 50 a page fills 5", check.Problem);
    }

    [Fact]
    public void A_count_short_of_the_total_is_corrected_to_it()
    {
        var check = PageCountCheck.Of(new PageMeta(Total: 250, PerPage: 50), 2, 50);

        Assert.Null(check.Problem);
        Assert.Equal(5, check.Pages);
        Assert.NotNull(check.Understated);
    }

    [Fact]
    public void The_served_page_size_counts_and_without_a_total_nothing_is_checked()
    {
        Assert.Equal(3, PageCountCheck.Of(new PageMeta(Total: 250), 2, 100).Pages);
        Assert.Equal(7, PageCountCheck.Of(new PageMeta(), 7, 100).Pages);
    }
}
