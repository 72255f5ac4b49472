namespace Paystack.Sandbox.Data;

/// <summary>
/// Which transactions a settlement pays out: each transaction belongs to the first settlement created at or after it,
/// so settlement k covers the creation times (previous settlement, settlement k]; the oldest one reaches back to the
/// start of the data, and transactions after the newest settlement are not settled yet. No transaction belongs to two.
/// </summary>
internal static class SettlementMembership
{
    public const string SettlementPath = "settlement";
    public const string TransactionPath = "transaction";

    /// <summary>The creation times of the transactions in <paramref name="settlement"/>.</summary>
    public static TimeRange RangeOf(ResourceTable settlements, RecordRef settlement)
    {
        var previous = settlements.LastBelow(settlement.Key);
        return new TimeRange(previous?.CreatedAt, FromInclusive: false, settlement.CreatedAt, ToInclusive: true);
    }

    /// <summary>The creation times of the transactions no settlement covers yet.</summary>
    public static TimeRange Unsettled(ResourceTable settlements) =>
        settlements.Newest() is { } newest ? new TimeRange(newest.CreatedAt, FromInclusive: false, null, ToInclusive: false) : TimeRange.All;
}
