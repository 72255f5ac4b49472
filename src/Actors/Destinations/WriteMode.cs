namespace Paystack.Actors.Destinations;

/// <summary>How a run's records land in a stream's table (Airbyte's destination sync modes).</summary>
public enum WriteMode
{
    /// <summary>Every record read is added as a new row.</summary>
    Append,
    /// <summary>The run's records replace the table atomically when the stream completes.</summary>
    Overwrite,
    /// <summary>Upsert on the primary key: one row per id, the latest read wins.</summary>
    AppendDedup,
}
