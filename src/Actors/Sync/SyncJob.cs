namespace Paystack.Actors.Sync;

/// <summary>What one sync run of one account does.</summary>
/// <param name="AccountId">A stable, non-secret name for the account (a hash of the key), part of every journal id.</param>
/// <param name="StartDate">Nothing created before this is read.</param>
/// <param name="LookbackDays">Incremental runs re-read this many days before the cursor to pick up changed records.</param>
public sealed record SyncJob(
    string AccountId,
    DateTimeOffset StartDate,
    int LookbackDays,
    IReadOnlyList<StreamSelection> Streams)
{
    /// <summary>The id the destination keeps for itself, set by the engine once it holds the destination's lease.</summary>
    public string DestinationId { get; init; } = "";

    /// <summary>How long to wait for another run of the account into the same destination to end; zero refuses at once.</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.Zero;
}
