namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// The grant times of one key, oldest first, kept for the longest window the limiter counts in. Any shorter window is
/// answered from the same log, so the budget and Paystack's own (shorter) window never need two copies.
/// </summary>
internal sealed class RateLimiterLog
{
    private readonly List<DateTimeOffset> _times = [];
    private int _start;

    public void Add(DateTimeOffset time) =>
        // A clock stepped back must not unsort the log: a grant is never recorded before the previous one.
        _times.Add(_times.Count > _start && _times[^1] > time ? _times[^1] : time);

    /// <summary>Drops grants at or before <paramref name="upTo"/>.</summary>
    public void Forget(DateTimeOffset upTo)
    {
        while (_start < _times.Count && _times[_start] <= upTo) _start++;
        if (_start > 64 && _start * 2 > _times.Count)
        {
            _times.RemoveRange(0, _start);
            _start = 0;
        }
    }

    /// <summary>
    /// When a grant keeps at most <paramref name="cap"/> grants in any <paramref name="window"/>: <paramref name="now"/>
    /// if it already does, otherwise when the cap-th newest grant leaves the window.
    /// </summary>
    public DateTimeOffset FreeAt(int cap, TimeSpan window, DateTimeOffset now)
    {
        if (_times.Count - _start < cap) return now;
        var leaves = _times[_times.Count - cap] + window;
        return leaves > now ? leaves : now;
    }

    /// <summary>The oldest grant within <paramref name="window"/> before <paramref name="now"/>, if any.</summary>
    public DateTimeOffset? OldestWithin(TimeSpan window, DateTimeOffset now)
    {
        var since = now - window;
        int low = _start, high = _times.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_times[middle] <= since) low = middle + 1;
            else high = middle;
        }
        return low < _times.Count ? _times[low] : null;
    }
}
