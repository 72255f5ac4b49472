namespace Paystack.Sandbox.Data;

/// <summary>
/// Points at one record without materialising it: <see cref="Index"/> feeds the generator (a generated record's
/// position, or a synthetic index for a record added at run time).
/// </summary>
internal readonly record struct RecordRef(long Index, long Id, DateTimeOffset CreatedAt)
{
    public RecordKey Key => new(CreatedAt, Id);
}
