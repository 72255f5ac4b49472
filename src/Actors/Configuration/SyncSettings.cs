using Paystack.Actors.Paystack;

namespace Paystack.Actors.Configuration;

/// <summary>Every engine tunable, read from HOCON (<c>paystack-sync { ... }</c>); defaults live in hocon/paystack-sync.conf.</summary>
public sealed record SyncSettings(
    EngineSettings Engine,
    RateLimitSettings RateLimits,
    HttpSettings Http,
    PersistenceSettings Persistence);

/// <summary><c>paystack-sync.engine</c>: how the work of a stream is cut up and how much of it runs at once.</summary>
/// <param name="PageSize">Records per page requested (<c>perPage</c>).</param>
/// <param name="FetchersPerStream">Page fetchers per stream, so pages in flight per stream.</param>
/// <param name="MaxPagesHeld">Pages a stream holds at most, fetching or waiting to be written: what bounds its memory.</param>
/// <param name="WindowLength">Length of the creation-time windows a run starts with.</param>
/// <param name="MaxPagesPerWindow">A window with more pages than this is split into smaller windows.</param>
/// <param name="SettleDelay">The run's upper bound is its start minus this, for records that become visible late.</param>
/// <param name="WriteBatchSize">Records per destination write.</param>
/// <param name="SnapshotInterval">A stream saves a snapshot every this many events.</param>
/// <param name="StreamMaxRestarts">Restarts of a failing stream before it is reported failed.</param>
/// <param name="StreamRestartMinBackoff">First delay before restarting a failed stream; doubles per restart.</param>
/// <param name="StreamRestartMaxBackoff">Cap of that delay.</param>
/// <param name="StallTimeout">A stream that makes no progress for this long stops, naming what it waited for.</param>
/// <param name="RunTimeout">A run still going after this long is stopped; its progress is kept for the next run.</param>
public sealed record EngineSettings(
    int PageSize,
    int FetchersPerStream,
    int MaxPagesHeld,
    TimeSpan WindowLength,
    int MaxPagesPerWindow,
    TimeSpan SettleDelay,
    int WriteBatchSize,
    int SnapshotInterval,
    int StreamMaxRestarts,
    TimeSpan StreamRestartMinBackoff,
    TimeSpan StreamRestartMaxBackoff,
    TimeSpan StallTimeout,
    TimeSpan RunTimeout);

/// <summary><c>paystack-sync.rate-limits</c>: the request budget per key, chosen by the key's prefix.</summary>
/// <param name="TestRequests">Requests per <paramref name="Period"/> for sk_test_/rk_test_ keys.</param>
/// <param name="LiveRequests">Requests per <paramref name="Period"/> for sk_live_/rk_live_ keys.</param>
/// <param name="Period">The rolling window the budget applies to.</param>
/// <param name="MaxInFlight">Requests in flight per key at most, whatever the budget.</param>
public sealed record RateLimitSettings(int TestRequests, int LiveRequests, TimeSpan Period, int MaxInFlight)
{
    /// <summary>The longest pause a 429 or a spent budget may impose; a longer ask refuses the key's requests instead.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What a 429 multiplies the budget by (0 &lt; f &lt; 1).</summary>
    public double DecreaseFactor { get; init; } = 0.5;

    /// <summary>A lowered budget grows after each interval this long without a 429.</summary>
    public TimeSpan RecoveryInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How much it grows per interval, as a fraction of the configured budget (0 &lt; s &le; 1).</summary>
    public double RecoveryStep { get; init; } = 0.25;

    /// <summary>
    /// Grants are counted over the period plus this fraction of it, or the key's learned margin when that is longer:
    /// Paystack counts a request when it arrives, the limiter when it grants it, and the margin absorbs a request that
    /// takes longer from grant to arrival than the one a budget before it (0 &lt; m &lt; 1).
    /// </summary>
    public double WindowMargin { get; init; } = 0.005;

    /// <summary>
    /// Where a key's learned margin starts and the least it narrows to: the spread of grant-to-arrival delays does not
    /// shrink with the period, and is learned from Paystack's answers rather than assumed. 10 ms by default, what a quiet
    /// machine needs: only periods under 2 s meet it (Paystack's 60 s is counted as 60.3 s), and a busy machine's 429s
    /// widen it.
    /// </summary>
    public TimeSpan MinWindowMargin { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The most a key's learned margin widens to; a 429 the margin can no longer explain lowers the budget instead.</summary>
    public TimeSpan MaxWindowMargin { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A widened margin narrows by a quarter after each stretch this long without evidence it was too narrow.</summary>
    public TimeSpan MarginNarrowInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The window grants are counted in when Paystack counts requests in <paramref name="window"/>, at the floor margin.</summary>
    public TimeSpan CountedWindow(TimeSpan window)
    {
        var margin = window * WindowMargin;
        return window + (margin > MinWindowMargin ? margin : MinWindowMargin);
    }

    /// <summary>The counted window at the widest margin a key can learn: what holds whatever another limiter of the key had learned.</summary>
    public TimeSpan WidestCountedWindow(TimeSpan window)
    {
        var margin = window * WindowMargin;
        return window + (margin > MaxWindowMargin ? margin : MaxWindowMargin);
    }

    /// <summary>The budget for a key: live keys get the live limit, everything else the test limit.</summary>
    public int RequestsFor(string secretKey) =>
        secretKey.Contains("_live_", StringComparison.Ordinal) ? LiveRequests : TestRequests;
}

/// <summary><c>paystack-sync.http</c>: timeouts and retries of one request.</summary>
public sealed record HttpSettings(TimeSpan RequestTimeout, int MaxRetries, TimeSpan RetryBaseDelay, TimeSpan RetryMaxDelay)
{
    public PaystackClientOptions ToClientOptions(string secretKey, Uri? baseUrl) =>
        new(baseUrl ?? PaystackClientOptions.DefaultBaseUrl, secretKey, RequestTimeout, MaxRetries, RetryBaseDelay, RetryMaxDelay);
}

/// <summary><c>paystack-sync.persistence</c>: where stream journals and snapshots live.</summary>
/// <param name="Provider"><c>sqlite</c> (default) or <c>postgresql</c>.</param>
/// <param name="ConnectionString">For SQLite a <c>Data Source=...</c> string; for PostgreSQL an Npgsql connection string.</param>
/// <param name="SqliteJournalMode">SQLite only: <c>wal</c> or <c>delete</c>, set on the journal file when a run opens it (the shipped HOCON says <c>wal</c>).</param>
public sealed record PersistenceSettings(string Provider, string ConnectionString, string SqliteJournalMode = "wal");
