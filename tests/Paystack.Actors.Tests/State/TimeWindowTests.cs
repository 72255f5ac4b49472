using Paystack.Actors.State;

namespace Paystack.Actors.Tests.State;

public sealed class TimeWindowTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tile_covers_the_range_without_gaps_and_shortens_the_last_window()
    {
        var windows = TimeWindow.Tile(Start, Start.AddDays(25), TimeSpan.FromDays(10));

        Assert.Equal(3, windows.Count);
        Assert.Equal(Start, windows[0].From);
        Assert.Equal(windows[0].To, windows[1].From);
        Assert.Equal(windows[1].To, windows[2].From);
        Assert.Equal(Start.AddDays(25), windows[2].To);
        Assert.Equal(TimeSpan.FromDays(5), windows[2].Length);
    }

    [Fact]
    public void Tile_of_an_empty_range_has_no_windows() =>
        Assert.Empty(TimeWindow.Tile(Start, Start, TimeSpan.FromDays(1)));

    [Fact]
    public void Split_tiles_the_window_exactly()
    {
        var window = new TimeWindow(Start, Start.AddDays(7).AddTicks(3));
        var parts = window.Split(3);

        Assert.Equal(3, parts.Count);
        Assert.Equal(window.From, parts[0].From);
        Assert.Equal(window.To, parts[^1].To);
        for (var i = 1; i < parts.Count; i++) Assert.Equal(parts[i - 1].To, parts[i].From);
    }

    [Fact]
    public void Contains_is_half_open()
    {
        var window = new TimeWindow(Start, Start.AddDays(1));
        Assert.True(window.Contains(Start));
        Assert.False(window.Contains(Start.AddDays(1)));
        Assert.False(window.Contains(Start.AddTicks(-1)));
    }
}
