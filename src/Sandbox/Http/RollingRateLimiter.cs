namespace Paystack.Sandbox.Http;

/// <summary>
/// Allows N requests per key in any rolling window: a request is admitted when fewer than N admitted requests of that
/// key fall within the last window. Rejected requests do not consume budget. Thread-safe.
/// </summary>
internal sealed class RollingRateLimiter
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _admitted = new(StringComparer.Ordinal);

    public RollingRateLimiter(TimeProvider clock, TimeSpan window)
    {
        _clock = clock;
        _window = window;
    }

    public RateDecision TryAcquire(string key, int limit)
    {
        var now = _clock.GetUtcNow();
        lock (_admitted)
        {
            if (!_admitted.TryGetValue(key, out var times)) _admitted[key] = times = new Queue<DateTimeOffset>();
            while (times.Count > 0 && times.Peek() + _window <= now) times.Dequeue();
            var admitted = times.Count < limit;
            if (admitted) times.Enqueue(now);
            var untilSlotFrees = times.Count > 0 ? times.Peek() + _window - now : TimeSpan.Zero;
            return new RateDecision(admitted, limit, Math.Max(0, limit - times.Count), untilSlotFrees);
        }
    }
}
