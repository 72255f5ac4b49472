namespace Paystack.Sandbox.Data;

/// <summary>The order of a list: creation time, then id. Lists are served in descending key order.</summary>
internal readonly record struct RecordKey(DateTimeOffset CreatedAt, long Id) : IComparable<RecordKey>
{
    public int CompareTo(RecordKey other)
    {
        var byTime = CreatedAt.UtcTicks.CompareTo(other.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : Id.CompareTo(other.Id);
    }

    public static bool operator <(RecordKey a, RecordKey b) => a.CompareTo(b) < 0;
    public static bool operator >(RecordKey a, RecordKey b) => a.CompareTo(b) > 0;
    public static bool operator <=(RecordKey a, RecordKey b) => a.CompareTo(b) <= 0;
    public static bool operator >=(RecordKey a, RecordKey b) => a.CompareTo(b) >= 0;
}
