using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Configuration;

public sealed class ClosestNameTests
{
    private static readonly string[] Keys = ["secret_key", "start_date", "lookback_window_days", "base_url"];

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "abc", 0)]
    [InlineData("lookback_window_day", "lookback_window_days", 1)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string a, string b, int expected)
    {
        Assert.Equal(expected, ClosestName.EditDistance(a, b));
        Assert.Equal(expected, ClosestName.EditDistance(b, a));
    }

    [Theory]
    [InlineData("lookback_window_day", "lookback_window_days")]
    [InlineData("lookback-window-days", "lookback_window_days")]
    [InlineData("Start_Date", "start_date")]
    [InlineData("startdate", "start_date")]
    [InlineData("baseurl", "base_url")]
    [InlineData("secretkey", "secret_key")]
    public void Suggests_the_key_a_slip_was_meant_to_be(string typed, string meant) =>
        Assert.Equal(meant, ClosestName.Find(typed, Keys));

    [Theory]
    [InlineData("cursor")]
    [InlineData("x")]
    public void Suggests_nothing_for_a_name_far_from_every_key(string typed) => Assert.Null(ClosestName.Find(typed, Keys));
}
