using System.Text.Json.Serialization;

namespace Paystack.Actors.State;

/// <summary>A half-open range of creation time, [From, To). Windows of a run tile its range without gaps or overlaps.</summary>
public readonly record struct TimeWindow(DateTimeOffset From, DateTimeOffset To) : IComparable<TimeWindow>
{
    [JsonIgnore]
    public TimeSpan Length => To - From;

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    /// <summary>Cuts the window into <paramref name="parts"/> consecutive windows of (nearly) equal length.</summary>
    public IReadOnlyList<TimeWindow> Split(int parts)
    {
        if (parts < 2) return [this];
        var step = Length.Ticks / parts;
        var windows = new List<TimeWindow>(parts);
        var from = From;
        for (var i = 1; i < parts; i++)
        {
            var to = From.AddTicks(step * i);
            windows.Add(new TimeWindow(from, to));
            from = to;
        }
        windows.Add(new TimeWindow(from, To));
        return windows;
    }

    /// <summary>Consecutive windows of at most <paramref name="length"/> covering [from, to).</summary>
    public static IReadOnlyList<TimeWindow> Tile(DateTimeOffset from, DateTimeOffset to, TimeSpan length)
    {
        var windows = new List<TimeWindow>();
        for (var start = from; start < to; start += length)
            windows.Add(new TimeWindow(start, start + length < to ? start + length : to));
        return windows;
    }

    public int CompareTo(TimeWindow other) => From != other.From ? From.CompareTo(other.From) : To.CompareTo(other.To);

    public override string ToString() => $"[{CursorFormat.Format(From)}, {CursorFormat.Format(To)})";
}
