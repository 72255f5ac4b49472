namespace Paystack.Sandbox.Data;

/// <summary>A creation-time filter with explicit boundary semantics; a null bound is open.</summary>
internal readonly record struct TimeRange(DateTimeOffset? From, bool FromInclusive, DateTimeOffset? To, bool ToInclusive)
{
    public static TimeRange All => new(null, true, null, false);

    /// <summary>The half-open [from, to) range used by <see cref="SandboxStore"/>.</summary>
    public static TimeRange HalfOpen(DateTimeOffset? from, DateTimeOffset? to) => new(from, true, to, false);

    public bool Contains(DateTimeOffset time)
    {
        if (From is { } from && (FromInclusive ? time < from : time <= from)) return false;
        if (To is { } to && (ToInclusive ? time > to : time >= to)) return false;
        return true;
    }
}
