namespace Paystack.Sandbox;

/// <summary>
/// Checks a key's requests against a budget of N per rolling window, counted as the sandbox's limiter counts: by
/// arrival time, a request at t and one at t + window in different windows. Every request counts, those answered 429
/// too: a client that keeps its budget never sends more than N in any window, so it is never refused.
/// </summary>
public static class RollingWindowBudget
{
    /// <summary>The busiest rolling window of <paramref name="requests"/> against <paramref name="limit"/> per <paramref name="window"/>.</summary>
    public static BudgetCheck Check(IEnumerable<SandboxRequest> requests, int limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), window, "A window must be positive.");

        var arrivals = requests.Select(r => r.Timestamp).Order().ToArray();
        var busiest = 0;
        DateTimeOffset? busiestEnd = null;
        // Window ending at each arrival: the arrivals in (t - window, t].
        for (int first = 0, last = 0; last < arrivals.Length; last++)
        {
            while (arrivals[first] + window <= arrivals[last]) first++;
            var inWindow = last - first + 1;
            if (inWindow > busiest)
            {
                busiest = inWindow;
                busiestEnd = arrivals[last];
            }
        }
        return new BudgetCheck(limit, window, arrivals.Length, busiest, busiestEnd);
    }
}

/// <summary>The outcome of <see cref="RollingWindowBudget.Check"/>.</summary>
/// <param name="Limit">Requests allowed per window.</param>
/// <param name="Window">Length of the rolling window.</param>
/// <param name="Requests">Requests checked.</param>
/// <param name="Busiest">The most requests within one window.</param>
/// <param name="BusiestWindowEnd">Arrival of the last request of the busiest window; null without requests.</param>
public readonly record struct BudgetCheck(int Limit, TimeSpan Window, int Requests, int Busiest, DateTimeOffset? BusiestWindowEnd)
{
    /// <summary>Whether some window held more than <see cref="Limit"/> requests.</summary>
    public bool Exceeded => Busiest > Limit;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Requests} requests, at most {Busiest} in a {Window.TotalSeconds:0.###} s window (limit {Limit})"
        + (BusiestWindowEnd is { } end ? $", busiest ending {end:O}" : "");
}
