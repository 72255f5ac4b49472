namespace Paystack.Actors.Destinations.Progress;

/// <summary>A stream table's row in the destination's progress table (see <see cref="DestinationProgress"/>).</summary>
internal sealed record RecordedProgress(string Account, long Writes, DateTimeOffset? Cursor, string? SwappedRunId, string? LastReceipt);
