using System.Collections.Immutable;

namespace Paystack.Actors.Cluster;

/// <summary>An account entity's state as journaled in a snapshot: plain values with a stable shape.</summary>
/// <param name="LastFinished">Null in snapshots written before it was kept.</param>
public sealed record AccountEntitySnapshot(
    AccountEvents.RunBegan? Unfinished, DateTimeOffset? LastRunBeganAt, IReadOnlyList<string> Paused, AccountReplies.FinishedRunView? LastFinished = null)
    : IAccountClusterMessage
{
    public static AccountEntitySnapshot Of(AccountEntityState state) =>
        new(state.Unfinished, state.LastRunBeganAt, [.. state.Paused], state.LastFinished);

    public AccountEntityState ToState() =>
        new(Unfinished, LastRunBeganAt, ImmutableSortedSet.CreateRange(StringComparer.Ordinal, Paused), LastFinished);
}
