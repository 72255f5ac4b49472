using System.Text.Json.Serialization;

namespace Paystack.Actors.State;

/// <summary>
/// A half-open range of creation time, [From, To). Windows of a run tile its range without gaps or overlaps, except
/// that a child stream replaces a window by one <see cref="Parent"/> window per parent record listed in it, each
/// starting at that parent's creation time.
/// </summary>
/// <param name="Parent">For a child stream, the id of the parent record whose children this window reads.</param>
public readonly record struct TimeWindow(
    DateTimeOffset From,
    DateTimeOffset To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parent = null) : IComparable<TimeWindow>
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

    /// <summary>The window of one parent record created at <paramref name="createdAt"/>.</summary>
    public static TimeWindow OfParent(string parentId, DateTimeOffset createdAt) => new(createdAt, createdAt.AddTicks(1), parentId);

    public int CompareTo(TimeWindow other)
    {
        if (From != other.From) return From.CompareTo(other.From);
        if (To != other.To) return To.CompareTo(other.To);
        return string.CompareOrdinal(Parent, other.Parent);
    }

    public override string ToString() => Parent is null
        ? $"[{CursorFormat.Format(From)}, {CursorFormat.Format(To)})"
        : $"parent {Parent} created {CursorFormat.Format(From)}";
}
