using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Paystack.Actors.Monitoring;

/// <summary>
/// The engine's OpenTelemetry instruments, on the meter <see cref="MeterName"/>. Static like the meter itself, so every
/// engine in the process reports to one place; an exporter (Prometheus in <c>serve</c>) subscribes by the meter's name.
/// </summary>
public static class SyncMetrics
{
    public const string MeterName = "Paystack.Sync";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<(string Account, string Stream), long> InFlightByStream = new();
    private static readonly ConcurrentDictionary<string, long> BudgetByLimiter = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Account, string Stream), DateTimeOffset> LastSuccessByStream = new();
    private static readonly ConcurrentDictionary<(string Account, string Stream), DateTimeOffset> CursorByStream = new();
    private static Func<IEnumerable<KeyValuePair<string, TimeSpan>>> _scheduleGaps = () => [];
    private static Func<IEnumerable<KeyValuePair<string, bool>>> _accountsValid = () => [];

    private static readonly Counter<long> Records = Meter.CreateCounter<long>(
        "paystack_sync.records", "{record}", "Records made durable at the destination.");
    private static readonly Counter<long> Pages = Meter.CreateCounter<long>(
        "paystack_sync.pages", "{page}", "Pages made durable at the destination.");
    private static readonly Counter<long> StreamRequests = Meter.CreateCounter<long>(
        "paystack_sync.stream_requests", "{request}", "HTTP attempts of a stream's pages, retries included.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "paystack_sync.retries", "{request}", "HTTP attempts that repeated a failed one.");
    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "paystack_sync.rate_limited", "{response}", "429 answers received by a stream's pages.");
    private static readonly Counter<long> Responses = Meter.CreateCounter<long>(
        "paystack_sync.responses", "{response}", "HTTP responses from Paystack, by status code.");
    private static readonly Histogram<double> PermitWait = Meter.CreateHistogram(
        "paystack_sync.rate_limiter.wait", "s", "Time an HTTP attempt waited for the rate limiter's permit.",
        advice: Buckets(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60));
    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram(
        "paystack_sync.run.duration", "s", "Duration of a whole sync run, by outcome.",
        advice: Buckets(1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400));
    private static readonly Histogram<double> StreamDuration = Meter.CreateHistogram(
        "paystack_sync.stream.duration", "s", "Duration of one stream's run, by outcome.",
        advice: Buckets(1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400));
    private static readonly Counter<long> StreamRestarts = Meter.CreateCounter<long>(
        "paystack_sync.stream_restarts", "{restart}", "Restarts of a stream after a transient failure.");

    static SyncMetrics()
    {
        Meter.CreateObservableGauge("paystack_sync.fetchers_in_flight",
            () => InFlightByStream.Select(e => new Measurement<long>(e.Value, Tags(e.Key))),
            "{page}", "Pages being fetched right now.");
        Meter.CreateObservableGauge("paystack_sync.rate_limiter.budget",
            () => BudgetByLimiter.Select(e => new Measurement<long>(e.Value, Tag("limiter", e.Key))),
            "{request}", "Requests per rate-limit period a key's limiter allows now: lowered by 429s and Paystack's headers, recovering after quiet intervals.");
        // Freshness: alert rules compare these with time() and the schedule (deploy/prometheus/paystack-sync.rules.yml).
        Meter.CreateObservableGauge("paystack_sync.stream.last_success_time",
            () => LastSuccessByStream.Select(e => new Measurement<double>(e.Value.ToUnixTimeMilliseconds() / 1000.0, Tags(e.Key))),
            "s", "When the stream last finished a run successfully, as Unix time.");
        Meter.CreateObservableGauge("paystack_sync.stream.cursor_lag",
            () => CursorByStream.Select(e => new Measurement<double>(Math.Max(0, (DateTimeOffset.UtcNow - e.Value).TotalSeconds), Tags(e.Key))),
            "s", "How far the stream's durable cursor is behind now: records created since then are not yet at the destination.");
        Meter.CreateObservableGauge("paystack_sync.schedule.interval",
            () => _scheduleGaps().Select(e => new Measurement<double>(e.Value.TotalSeconds, Tag("account", e.Key))),
            "s", "Time between two scheduled runs of an account served by serve.");
        Meter.CreateObservableGauge("paystack_sync.account.valid",
            () => _accountsValid().Select(e => new Measurement<int>(e.Value ? 1 : 0, Tag("account", e.Key))),
            null, "1 for each account serve syncs, 0 for an entry of its accounts file that it refused (the log and /admin/accounts say why).");
    }

    /// <summary>Where the schedule gauge reads the time between two scheduled runs of each account serve runs.</summary>
    public static void ObserveSchedules(Func<IEnumerable<KeyValuePair<string, TimeSpan>>> gaps) => _scheduleGaps = gaps;

    /// <summary>Where the account gauge reads which accounts serve syncs (true) and which entries it refused (false).</summary>
    public static void ObserveAccounts(Func<IEnumerable<KeyValuePair<string, bool>>> accounts) => _accountsValid = accounts;

    /// <summary>
    /// Counters of a stream moved by these amounts. Zeros are added too: a counter exists from the stream's first
    /// report on, so rate() and the alert rules see 0 rather than no series before the first 429 or retry.
    /// </summary>
    public static void StreamAdvanced(string account, string stream, long records, long pages, long requests, long retries, long rateLimited)
    {
        var tags = Tags((account, stream));
        Records.Add(records, tags);
        Pages.Add(pages, tags);
        StreamRequests.Add(requests, tags);
        Retries.Add(retries, tags);
        RateLimited.Add(rateLimited, tags);
    }

    public static void FetchersInFlight(string account, string stream, long pages) => InFlightByStream[(account, stream)] = pages;

    /// <param name="limiter">The limiter actor's name (rate-limiter-{account}).</param>
    public static void LimiterBudget(string limiter, long budget) => BudgetByLimiter[limiter] = budget;

    public static void LimiterStopped(string limiter) => BudgetByLimiter.TryRemove(limiter, out _);

    public static void ResponseReceived(int statusCode) =>
        Responses.Add(1, Tag("status_code", statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static void PermitWaited(TimeSpan wait) => PermitWait.Record(wait.TotalSeconds);

    /// <summary>The stream's cursor moved: every record before <paramref name="cursor"/> is durable.</summary>
    public static void CursorAdvanced(string account, string stream, DateTimeOffset cursor) =>
        CursorByStream.AddOrUpdate((account, stream), cursor, (_, before) => cursor > before ? cursor : before);

    public static void StreamSucceeded(string account, string stream, DateTimeOffset at) => LastSuccessByStream[(account, stream)] = at;

    public static void StreamRestarted(string account, string stream) => StreamRestarts.Add(1, Tags((account, stream)));

    public static void StreamFinished(string account, string stream, bool succeeded, TimeSpan duration) =>
        StreamDuration.Record(duration.TotalSeconds, Tag("account", account), Tag("stream", stream), Tag("outcome", succeeded ? "succeeded" : "failed"));

    /// <param name="outcome">succeeded, failed or cancelled.</param>
    public static void RunFinished(string account, string outcome, TimeSpan duration) =>
        RunDuration.Record(duration.TotalSeconds, Tag("account", account), Tag("outcome", outcome));

    /// <summary>
    /// Forgets the gauges of an account no longer served, so its streams stop being exported (and stop looking stale);
    /// its counters stay until the process ends, as counters do.
    /// </summary>
    public static void AccountRemoved(string account)
    {
        foreach (var map in new[] { LastSuccessByStream, CursorByStream })
            foreach (var key in map.Keys.Where(k => k.Account == account)) map.TryRemove(key, out _);
        foreach (var key in InFlightByStream.Keys.Where(k => k.Account == account)) InFlightByStream.TryRemove(key, out _);
    }

    private static InstrumentAdvice<double> Buckets(params double[] seconds) => new() { HistogramBucketBoundaries = seconds };

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    private static TagList Tags((string Account, string Stream) key) => new() { Tag("account", key.Account), Tag("stream", key.Stream) };
}
