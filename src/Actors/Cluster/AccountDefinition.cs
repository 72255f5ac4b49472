using Paystack.Actors.Engine;

namespace Paystack.Actors.Cluster;

/// <summary>What a node knows of one account from its own accounts configuration: what a run syncs and when runs are due.</summary>
/// <param name="Request">What every run of the account syncs (its key, destination, streams and modes).</param>
/// <param name="NextRunAfter">
/// The first due time strictly after the given time; null when no run is due any more. Null itself for an account
/// without a schedule (runs only when triggered).
/// </param>
public sealed record AccountDefinition(SyncRequest Request, Func<DateTimeOffset, DateTimeOffset?>? NextRunAfter = null);
