using Paystack.Actors.Configuration;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// How much longer than Paystack's window one key's grants are counted. The margin absorbs a request that takes longer
/// from grant to arrival than the one a budget before it: a property of this machine and network, not a constant, so it
/// is learned. It starts at the floor (<c>min-window-margin</c>), doubles on evidence that Paystack counted a request
/// the limiter believed gone (up to <c>max-window-margin</c>), and narrows by a quarter after each clean stretch of
/// <c>margin-narrow-interval</c>. A narrowing that soon meets trouble again doubles the clean stretch needed before the
/// next, so a margin that keeps meeting trouble settles at a safe width instead of probing forever. Pure: the
/// RateLimiter actor owns one and decides when to call what.
/// </summary>
internal sealed class RateLimiterMargin
{
    private readonly RateLimitSettings _settings;
    private DateTimeOffset? _narrowedAt;

    public RateLimiterMargin(RateLimitSettings settings)
    {
        _settings = settings;
        Learned = settings.MinWindowMargin;
        NarrowInterval = settings.MarginNarrowInterval;
    }

    /// <summary>The margin learned for this key's requests, whatever the window: within [min-window-margin, max-window-margin].</summary>
    public TimeSpan Learned { get; private set; }

    /// <summary>The clean stretch the next narrowing waits for: margin-narrow-interval, doubled by each narrowing that met trouble.</summary>
    public TimeSpan NarrowInterval { get; private set; }

    /// <summary>When the margin last widened; evidence from a request sent before then was judged against a narrower margin.</summary>
    public DateTimeOffset WidenedAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The margin for Paystack's <paramref name="window"/>: its proportional share (window-margin) or the learned margin, whichever is longer.</summary>
    public TimeSpan Of(TimeSpan window) => Longer(window * _settings.WindowMargin, Learned);

    /// <summary>The window grants are counted in when Paystack counts requests in <paramref name="window"/>.</summary>
    public TimeSpan CountedWindow(TimeSpan window) => window + Of(window);

    /// <summary>The widest the counted window can become: what any arrival jitter this limiter would still put up with fits in.</summary>
    public TimeSpan WidestWindow(TimeSpan window) => _settings.WidestCountedWindow(window);

    /// <summary>Whether widening would change the margin for <paramref name="window"/>.</summary>
    public bool CanWiden(TimeSpan window) => Of(window) < WidestWindow(window) - window;

    /// <summary>Doubles the margin in force for <paramref name="window"/>, up to the ceiling; true when it widened.</summary>
    public bool Widen(TimeSpan window, DateTimeOffset now)
    {
        if (!CanWiden(window)) return false;
        // A narrowing that met trouble within one clean stretch was premature: wait twice as long before the next.
        if (_narrowedAt is { } narrowed && now - narrowed < NarrowInterval) NarrowInterval *= 2;
        Learned = Shorter(_settings.MaxWindowMargin, Longer(Of(window) * 2, _settings.MinWindowMargin));
        WidenedAt = now;
        return true;
    }

    /// <summary>After a clean stretch: a quarter narrower, never below the floor; true when it narrowed.</summary>
    public bool Narrow(DateTimeOffset now)
    {
        if (Learned <= _settings.MinWindowMargin) return false;
        Learned = Longer(_settings.MinWindowMargin, Learned * 0.75);
        _narrowedAt = now;
        return true;
    }

    public bool AtFloor => Learned <= _settings.MinWindowMargin;

    private static TimeSpan Longer(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
