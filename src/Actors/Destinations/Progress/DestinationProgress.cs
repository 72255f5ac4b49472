namespace Paystack.Actors.Destinations.Progress;

/// <summary>
/// What a destination itself proves about one stream's table, read when the stream's run starts and compared with the
/// journal. Kept in the destination's <c>_paystack_sync_progress</c> table and changed in the same transaction as the
/// rows, so it can never claim rows the table lacks: a restored backup or a dropped table shows here.
/// </summary>
/// <param name="Verifiable">False where the destination keeps no record of its own (Airbyte's platform owns the state).</param>
/// <param name="TableExists">The stream's table is there.</param>
/// <param name="Recorded">The destination holds a progress record for the table.</param>
/// <param name="Account">The account whose run wrote the table last.</param>
/// <param name="Writes">How many batches have been written to the table (its staging table included), ever.</param>
/// <param name="Cursor">The creation time below which the table was complete when a run of it last completed.</param>
/// <param name="StagedRunId">The run whose overwrite is staged, if any.</param>
/// <param name="StagingExists">That run's staging table is there.</param>
/// <param name="SwappedRunId">The overwrite run whose staging table was last swapped in.</param>
/// <param name="LastReceipt">What the engine said, with the last write, that write proves (opaque to the destination).</param>
public sealed record DestinationProgress(
    bool Verifiable,
    bool TableExists,
    bool Recorded,
    string? Account,
    long Writes,
    DateTimeOffset? Cursor,
    string? StagedRunId = null,
    bool StagingExists = false,
    string? SwappedRunId = null,
    string? LastReceipt = null)
{
    /// <summary>What a database destination read about one of its tables.</summary>
    internal static DestinationProgress Of(bool tableExists, RecordedProgress? recorded, string? stagedRunId, bool stagingExists) => new(
        Verifiable: true,
        TableExists: tableExists,
        Recorded: recorded is not null,
        Account: recorded?.Account,
        Writes: recorded?.Writes ?? 0,
        Cursor: recorded?.Cursor,
        StagedRunId: stagedRunId,
        StagingExists: stagingExists,
        SwappedRunId: recorded?.SwappedRunId,
        LastReceipt: recorded?.LastReceipt);

    /// <summary>A destination that proves nothing: the journal (or the state handed in) is trusted as it is.</summary>
    public static DestinationProgress Unverifiable { get; } = new(false, false, false, null, 0, null);
}
