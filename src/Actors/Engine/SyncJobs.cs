using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Engine;

/// <summary>
/// The one place a <see cref="SyncJob"/> is made, so that every caller (sync, serve, demo, Airbyte's read) derives the
/// account id, start date and lookback from the source config the same way.
/// </summary>
public static class SyncJobs
{
    /// <summary>The job of a request: each of its streams in its modes; the streams named in <paramref name="paused"/> start paused.</summary>
    public static SyncJob For(SyncRequest request, IReadOnlySet<string>? paused = null) => For(
        request.Source,
        request.Streams
            .Select(s => new StreamSelection(s, request.Mode, request.WriteMode) { Paused = paused?.Contains(s.Name) == true })
            .ToList(),
        request.LeaseWait);

    /// <summary>The job of an account whose streams were chosen one by one (Airbyte's read: each its own mode and cursor).</summary>
    public static SyncJob For(SourceConfig source, IReadOnlyList<StreamSelection> streams, TimeSpan leaseWait = default) =>
        new(source.AccountId, source.StartDate, source.LookbackWindowDays, streams) { LeaseWait = leaseWait };
}
