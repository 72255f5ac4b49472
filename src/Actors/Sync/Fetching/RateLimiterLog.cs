namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// The grants of one key, each at the time it counts from, oldest first, kept for the longest window the limiter
/// counts in. Any shorter window is answered from the same log, so the budget and Paystack's own (shorter) window never
/// need two copies. A grant counts from when it was made until <see cref="Postpone"/> moves it later.
/// </summary>
internal sealed class RateLimiterLog
{
    private readonly List<(DateTimeOffset Time, long Id)> _entries = [];
    private int _start;

    /// <param name="time">When the grant was made.</param>
    /// <param name="id">The grant's number for <see cref="Postpone"/>; 0 when it will never move.</param>
    public void Add(DateTimeOffset time, long id = 0) =>
        // A clock stepped back must not unsort the log: a grant is never recorded before the previous one.
        _entries.Add((_entries.Count > _start && _entries[^1].Time > time ? _entries[^1].Time : time, id));

    /// <summary>
    /// Counts grant <paramref name="id"/> from <paramref name="to"/> instead, when that is later (a grant already
    /// forgotten counts again from then), keeping the log in order.
    /// </summary>
    public void Postpone(long id, DateTimeOffset to)
    {
        if (id == 0) return;
        for (var i = _entries.Count - 1; i >= _start; i--)
        {
            if (_entries[i].Id != id) continue;
            if (_entries[i].Time >= to) return;
            _entries.RemoveAt(i);
            break;
        }
        _entries.Insert(FirstAfter(to), (to, id));
    }

    /// <summary>Drops grants at or before <paramref name="upTo"/>.</summary>
    public void Forget(DateTimeOffset upTo)
    {
        while (_start < _entries.Count && _entries[_start].Time <= upTo) _start++;
        if (_start > 64 && _start * 2 > _entries.Count)
        {
            _entries.RemoveRange(0, _start);
            _start = 0;
        }
    }

    /// <summary>
    /// When a grant keeps at most <paramref name="cap"/> grants in any <paramref name="window"/>: <paramref name="now"/>
    /// if it already does, otherwise when the cap-th newest grant leaves the window.
    /// </summary>
    public DateTimeOffset FreeAt(int cap, TimeSpan window, DateTimeOffset now)
    {
        if (_entries.Count - _start < cap) return now;
        var leaves = _entries[_entries.Count - cap].Time + window;
        return leaves > now ? leaves : now;
    }

    /// <summary>The oldest grant within <paramref name="window"/> before <paramref name="now"/>, if any.</summary>
    public DateTimeOffset? OldestWithin(TimeSpan window, DateTimeOffset now)
    {
        var low = FirstAfter(now - window);
        return low < _entries.Count ? _entries[low].Time : null;
    }

    /// <summary>When grant <paramref name="id"/> counts from; null when it was forgotten (or never logged).</summary>
    public DateTimeOffset? TimeOf(long id)
    {
        if (id == 0) return null;
        for (var i = _entries.Count - 1; i >= _start; i--)
            if (_entries[i].Id == id) return _entries[i].Time;
        return null;
    }

    /// <summary>How many kept grants count from after <paramref name="time"/>.</summary>
    public int CountAfter(DateTimeOffset time) => _entries.Count - FirstAfter(time);

    /// <summary>The index of the first kept grant after <paramref name="time"/> (the count when there is none).</summary>
    private int FirstAfter(DateTimeOffset time)
    {
        int low = _start, high = _entries.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_entries[middle].Time <= time) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
