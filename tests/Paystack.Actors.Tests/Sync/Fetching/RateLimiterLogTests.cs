using Paystack.Actors.Sync.Fetching;

namespace Paystack.Actors.Tests.Sync.Fetching;

public sealed class RateLimiterLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static RateLimiterLog Log(params double[] seconds)
    {
        var log = new RateLimiterLog();
        foreach (var s in seconds) log.Add(At(s));
        return log;
    }

    [Fact]
    public void A_grant_is_free_once_the_cap_th_newest_leaves_the_window()
    {
        var log = Log(0, 1, 2, 3);
        var window = TimeSpan.FromSeconds(10);

        Assert.Equal(At(3.5), log.FreeAt(5, window, At(3.5))); // four in the window, cap five: now
        Assert.Equal(At(10), log.FreeAt(4, window, At(3.5))); // cap four: when the grant at 0 leaves
        Assert.Equal(At(12), log.FreeAt(2, window, At(3.5))); // cap two (a shorter limit over the same log): when the one at 2 leaves
        Assert.Equal(At(12), log.FreeAt(2, window, At(12)));
        Assert.Equal(At(13), log.FreeAt(2, TimeSpan.FromSeconds(1), At(13))); // a shorter window holds fewer
    }

    [Fact]
    public void The_oldest_within_a_window_and_forgetting_the_older_ones()
    {
        var log = Log(0, 1, 2, 3);
        Assert.Equal(At(1), log.OldestWithin(TimeSpan.FromSeconds(2.6), At(3.5)));
        Assert.Equal(At(2), log.OldestWithin(TimeSpan.FromSeconds(2.5), At(3.5))); // a grant exactly one window old has left it
        Assert.Null(log.OldestWithin(TimeSpan.FromSeconds(0.5), At(3.6)));

        log.Forget(At(1));
        Assert.Equal(At(2), log.OldestWithin(TimeSpan.FromSeconds(100), At(3.5)));
        Assert.Equal(At(3.5), log.FreeAt(3, TimeSpan.FromSeconds(100), At(3.5))); // two left
    }

    [Fact]
    public void A_clock_stepped_back_keeps_the_log_in_order()
    {
        var log = Log(5, 4);
        Assert.Equal(At(15), log.FreeAt(1, TimeSpan.FromSeconds(10), At(6)));
        Assert.Equal(At(15), log.FreeAt(2, TimeSpan.FromSeconds(10), At(6)));
    }

    [Fact]
    public void Many_grants_forgotten_in_turn_keep_the_count_right()
    {
        var log = new RateLimiterLog();
        for (var i = 0; i < 1_000; i++)
        {
            log.Add(At(i));
            log.Forget(At(i - 10)); // ten kept: at i-9 .. i
        }
        Assert.Equal(At(999), log.FreeAt(11, TimeSpan.FromSeconds(1_000), At(999)));
        Assert.Equal(At(990 + 1_000), log.FreeAt(10, TimeSpan.FromSeconds(1_000), At(999)));
    }

    [Fact]
    public void A_postponed_grant_counts_from_its_new_time_and_keeps_the_log_in_order()
    {
        var log = new RateLimiterLog();
        log.Add(At(0), id: 1);
        log.Add(At(1), id: 2);
        log.Add(At(2), id: 3);
        var window = TimeSpan.FromSeconds(10);

        log.Postpone(1, At(5)); // now at 1, 2, 5
        Assert.Equal(At(11), log.FreeAt(3, window, At(6))); // the oldest is the one at 1
        Assert.Equal(At(15), log.FreeAt(1, window, At(6))); // the newest is the postponed one
        Assert.Equal(At(1), log.OldestWithin(window, At(6)));

        log.Postpone(2, At(0.5)); // earlier than its grant: no change
        Assert.Equal(At(11), log.FreeAt(3, window, At(6)));
    }

    [Fact]
    public void A_grant_postponed_after_it_was_forgotten_counts_again()
    {
        var log = new RateLimiterLog();
        log.Add(At(0), id: 1);
        log.Forget(At(0));
        Assert.Equal(At(3), log.FreeAt(1, TimeSpan.FromSeconds(2), At(3)));

        log.Postpone(1, At(2.5)); // its request went out only at 2.5 s
        Assert.Equal(At(4.5), log.FreeAt(1, TimeSpan.FromSeconds(2), At(3)));
        log.Postpone(0, At(9)); // untracked: nothing to move
        Assert.Equal(At(4.5), log.FreeAt(1, TimeSpan.FromSeconds(2), At(3)));
    }
}
