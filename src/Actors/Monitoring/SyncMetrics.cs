using System.Collections.Concurrent;
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
    private static readonly ConcurrentDictionary<string, long> InFlightByStream = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, long> BudgetByLimiter = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> LastSuccessByStream = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> CursorByStream = new(StringComparer.Ordinal);
    private static Func<TimeSpan?> _scheduleGap = () => null;

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
            () => InFlightByStream.Select(e => new Measurement<long>(e.Value, Tag("stream", e.Key))),
            "{page}", "Pages being fetched right now.");
        Meter.CreateObservableGauge("paystack_sync.rate_limiter.budget",
            () => BudgetByLimiter.Select(e => new Measurement<long>(e.Value, Tag("limiter", e.Key))),
            "{request}", "Requests per rate-limit period a key's limiter allows now: lowered by 429s and Paystack's headers, recovering after quiet intervals.");
        // Freshness: alert rules compare these with time() and the schedule (deploy/prometheus/paystack-sync.rules.yml).
        Meter.CreateObservableGauge("paystack_sync.stream.last_success_time",
            () => LastSuccessByStream.Select(e => new Measurement<double>(e.Value.ToUnixTimeMilliseconds() / 1000.0, Tag("stream", e.Key))),
            "s", "When the stream last finished a run successfully, as Unix time.");
        Meter.CreateObservableGauge("paystack_sync.stream.cursor_lag",
            () => CursorByStream.Select(e => new Measurement<double>(Math.Max(0, (DateTimeOffset.UtcNow - e.Value).TotalSeconds), Tag("stream", e.Key))),
            "s", "How far the stream's durable cursor is behind now: records created since then are not yet at the destination.");
        Meter.CreateObservableGauge("paystack_sync.schedule.interval",
            () => _scheduleGap() is { } gap ? [new Measurement<double>(gap.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Time between two scheduled runs of serve.");
    }

    /// <summary>Where the schedule gauge reads the time between two scheduled runs (serve's schedule).</summary>
    public static void ObserveSchedule(Func<TimeSpan?> gap) => _scheduleGap = gap;

    /// <summary>
    /// Counters of a stream moved by these amounts. Zeros are added too: a counter exists from the stream's first
    /// report on, so rate() and the alert rules see 0 rather than no series before the first 429 or retry.
    /// </summary>
    public static void StreamAdvanced(string stream, long records, long pages, long requests, long retries, long rateLimited)
    {
        var tag = Tag("stream", stream);
        Records.Add(records, tag);
        Pages.Add(pages, tag);
        StreamRequests.Add(requests, tag);
        Retries.Add(retries, tag);
        RateLimited.Add(rateLimited, tag);
    }

    public static void FetchersInFlight(string stream, long pages) => InFlightByStream[stream] = pages;

    /// <param name="limiter">The limiter actor's name (rate-limiter-{account}).</param>
    public static void LimiterBudget(string limiter, long budget) => BudgetByLimiter[limiter] = budget;

    public static void LimiterStopped(string limiter) => BudgetByLimiter.TryRemove(limiter, out _);

    public static void ResponseReceived(int statusCode) =>
        Responses.Add(1, Tag("status_code", statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static void PermitWaited(TimeSpan wait) => PermitWait.Record(wait.TotalSeconds);

    /// <summary>The stream's cursor moved: every record before <paramref name="cursor"/> is durable.</summary>
    public static void CursorAdvanced(string stream, DateTimeOffset cursor) =>
        CursorByStream.AddOrUpdate(stream, cursor, (_, before) => cursor > before ? cursor : before);

    public static void StreamSucceeded(string stream, DateTimeOffset at) => LastSuccessByStream[stream] = at;

    public static void StreamRestarted(string stream) => StreamRestarts.Add(1, Tag("stream", stream));

    public static void StreamFinished(string stream, bool succeeded, TimeSpan duration) =>
        StreamDuration.Record(duration.TotalSeconds, Tag("stream", stream), Tag("outcome", succeeded ? "succeeded" : "failed"));

    /// <param name="outcome">succeeded, failed or cancelled.</param>
    public static void RunFinished(string outcome, TimeSpan duration) => RunDuration.Record(duration.TotalSeconds, Tag("outcome", outcome));

    private static InstrumentAdvice<double> Buckets(params double[] seconds) => new() { HistogramBucketBoundaries = seconds };

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
