namespace Paystack.Sandbox.Tests.Accounts;

public class RollingWindowBudgetTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private static SandboxRequest[] At(params double[] seconds) =>
        seconds.Select(s => new SandboxRequest(Start.AddSeconds(s), "GET", "transaction", "", 200, "test")).ToArray();

    [Fact]
    public void Requests_one_window_apart_fall_in_different_windows()
    {
        // As the sandbox counts: the request at t = 1 s finds the one at t = 0 already out of its window.
        var check = RollingWindowBudget.Check(At(0, 0.5, 1, 1.5), 2, Window);

        Assert.False(check.Exceeded, check.ToString());
        Assert.Equal(2, check.Busiest);
        Assert.Equal(4, check.Requests);
    }

    [Fact]
    public void A_window_that_straddles_whole_seconds_is_found()
    {
        // Each calendar second holds 2, but (0.2 s, 1.2 s] holds 3; arrival order does not matter.
        var check = RollingWindowBudget.Check(At(1.7, 0.3, 1.2, 0.8), 2, Window);

        Assert.True(check.Exceeded);
        Assert.Equal(3, check.Busiest);
        Assert.Equal(Start.AddSeconds(1.2), check.BusiestWindowEnd);
    }

    [Fact]
    public void No_requests_exceed_nothing()
    {
        var check = RollingWindowBudget.Check([], 1, Window);

        Assert.False(check.Exceeded);
        Assert.Equal(0, check.Busiest);
        Assert.Null(check.BusiestWindowEnd);
    }
}
