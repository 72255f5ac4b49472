namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>Where and how a <see cref="SqliteDestination"/> writes.</summary>
/// <param name="Path">The database file; created, with its folder, when missing.</param>
public sealed record SqliteDestinationOptions(string Path)
{
    /// <summary>Put before every stream's table name, e.g. <c>paystack_</c> gives <c>paystack_transactions</c>.</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>
    /// Sync the write-ahead log on every commit (<c>synchronous=FULL</c>), so a committed batch survives a power loss,
    /// not only a process crash. Batches amortise the cost.
    /// </summary>
    public bool SyncEveryCommit { get; init; } = true;
}
