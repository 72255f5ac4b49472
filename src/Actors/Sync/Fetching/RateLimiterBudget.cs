using Paystack.Actors.Configuration;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// How many requests one key may send: the configured budget per period, multiplied down on a 429 and grown back by a
/// step after each quiet interval (never above the configured budget), and shaped by what Paystack says of its own
/// limit. Pure: the RateLimiter actor owns one and decides when to call what.
/// </summary>
internal sealed class RateLimiterBudget
{
    private readonly int _configured;
    private readonly TimeSpan _period;
    private readonly double _decreaseFactor;
    private readonly double _recoveryStep;
    private double _budget;

    public RateLimiterBudget(int configured, RateLimitSettings settings)
    {
        _configured = Math.Max(1, configured);
        _period = settings.Period;
        _decreaseFactor = settings.DecreaseFactor;
        _recoveryStep = settings.RecoveryStep * _configured;
        _budget = _configured;
    }

    public int Configured => _configured;

    /// <summary>X-RateLimit-Limit as Paystack last reported it.</summary>
    public int? ServerLimit { get; private set; }

    /// <summary>The longest X-RateLimit-Reset seen, at most the period: Paystack's window is at least this long.</summary>
    public TimeSpan? ServerWindow { get; private set; }

    /// <summary>Requests per period the key's grants are held to, ignoring Paystack's limit.</summary>
    public int Budget => Math.Max(1, (int)Math.Floor(_budget));

    /// <summary>Requests per period allowed now, Paystack's limit included: what the limiter reports as its budget.</summary>
    public int Current => Burst is { } burst
        ? Math.Clamp((int)Math.Floor(burst.Limit * (_period / burst.Window)), 1, Budget)
        : Budget;

    public bool Full => _budget >= _configured;

    /// <summary>
    /// Paystack's limit when it is below the budget, and the window to hold it over. Its window is unknown: it is at
    /// least the longest reset seen (the period when none was), and the limit must also fit the budget's own pace (so a
    /// budget lowered by 429s spreads Paystack's limit over a longer stretch).
    /// </summary>
    public (int Limit, TimeSpan Window)? Burst
    {
        get
        {
            if (ServerLimit is not { } limit || limit >= Budget) return null;
            var atOurPace = _period * (limit / _budget);
            var window = ServerWindow ?? _period;
            return (limit, window > atOurPace ? window : atOurPace);
        }
    }

    /// <summary>Takes in a response's limit and reset; true when that made the limiter stricter (something new was learned).</summary>
    public bool Learn(int? limit, TimeSpan? reset)
    {
        var before = Burst;
        if (limit is > 0) ServerLimit = limit;
        if (reset is { } r && r > TimeSpan.Zero)
        {
            var window = r < _period ? r : _period;
            if (ServerWindow is not { } known || window > known) ServerWindow = window;
        }
        return Burst is { } after && (before is not { } was || after.Limit < was.Limit || after.Window > was.Window);
    }

    /// <summary>A 429: the budget in force (Paystack's limit included) times the decrease factor.</summary>
    public void Decrease() => _budget = Math.Max(1, Current * _decreaseFactor);

    /// <summary>A quiet interval: one step back towards the configured budget.</summary>
    public void Recover() => _budget = Math.Min(_configured, _budget + _recoveryStep);
}
