using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Sync;

/// <summary>Engine settings scaled down for tests: small pages and windows, short backoffs, a rate window of seconds.</summary>
internal static class TestSettings
{
    public static SyncSettings Create(
        int pageSize = 50,
        int fetchersPerStream = 3,
        int? maxPagesHeld = null,
        TimeSpan? windowLength = null,
        int maxPagesPerWindow = 20,
        int requestsPerPeriod = 10_000,
        TimeSpan? period = null,
        int writeBatchSize = 200,
        int maxRetries = 6,
        TimeSpan? stallTimeout = null,
        TimeSpan? runTimeout = null,
        TimeSpan? requestTimeout = null) => new(
        new EngineSettings(
            PageSize: pageSize,
            FetchersPerStream: fetchersPerStream,
            MaxPagesHeld: maxPagesHeld ?? 2 * fetchersPerStream,
            WindowLength: windowLength ?? TimeSpan.FromDays(180),
            MaxPagesPerWindow: maxPagesPerWindow,
            SettleDelay: TimeSpan.FromSeconds(5),
            WriteBatchSize: writeBatchSize,
            SnapshotInterval: 25,
            StreamMaxRestarts: 3,
            StreamRestartMinBackoff: TimeSpan.FromMilliseconds(50),
            StreamRestartMaxBackoff: TimeSpan.FromMilliseconds(500),
            StallTimeout: stallTimeout ?? TimeSpan.FromMinutes(1),
            RunTimeout: runTimeout ?? TimeSpan.FromHours(1)),
        // The 100 ms floor: these engines share 2 cores with the whole suite, where arrivals spread far wider than on a quiet machine.
        new RateLimitSettings(requestsPerPeriod, requestsPerPeriod, period ?? TimeSpan.FromSeconds(2), MaxInFlight: 16)
        {
            MinWindowMargin = TimeSpan.FromMilliseconds(100),
        },
        new HttpSettings(requestTimeout ?? TimeSpan.FromSeconds(10), maxRetries, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(3)),
        new PersistenceSettings("sqlite", "Data Source=unused.db"));
}
