using Paystack.Actors.Configuration;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;
using Paystack.Host.Admin;

namespace Paystack.Host.Serve;

/// <summary>
/// What one run's streams are doing, for <c>GET /admin/status</c>: reports arrive from the job's supervisor and are read
/// from request threads, hence the lock.
/// </summary>
internal sealed class StreamStatusObserver : ISyncObserver, IStreamViews
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Live> _streams = new(StringComparer.Ordinal);

    public StreamStatusObserver(IEnumerable<StreamSelection> selections)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var selection in selections)
            _streams[selection.Stream.Name] = new Live { Paused = selection.Paused, LastProgressAt = now };
    }

    public void StreamStarted(StreamReports.Started started) => Update(started.Stream, s =>
    {
        s.State = "running";
        s.Resumed = started.Resumed;
        s.StartedAt = DateTimeOffset.UtcNow;
        s.StartStats = started.Stats;
        s.Stats = started.Stats;
    });

    public void Progress(StreamReports.Progress progress) => Update(progress.Stream, s =>
    {
        s.LastProgressAt = DateTimeOffset.UtcNow;
        s.Stats = progress.Stats;
        s.PagesPlanned = progress.PagesPlanned;
        s.Paused = progress.Paused;
    });

    public void Checkpoint(StreamReports.Checkpoint checkpoint) => Update(checkpoint.Stream, s =>
    {
        s.LastProgressAt = DateTimeOffset.UtcNow;
        s.Cursor = checkpoint.Cursor;
    });

    public void StreamRetrying(StreamReports.Failed failure, int attempt, TimeSpan delay) => Update(failure.Stream, s =>
    {
        s.State = "retrying";
        s.Restarts = attempt;
        s.LastError = failure.Reason;
    });

    public void StreamFinished(StreamOutcome outcome) => Update(outcome.Stream, s =>
    {
        s.LastProgressAt = DateTimeOffset.UtcNow;
        s.State = outcome.Succeeded ? "completed" : "failed";
        s.Stats = outcome.Stats;
        s.Cursor = outcome.Cursor ?? s.Cursor;
        s.Restarts = outcome.Restarts;
        if (outcome.Error is { } error) s.LastError = error;
        if (outcome.Succeeded) s.PagesPlanned = outcome.Stats.Pages;
    });

    /// <summary>A resumed stream gets a fresh start on the stall clock: it could make no progress while paused.</summary>
    public void SetPaused(string stream, bool paused) => Update(stream, s =>
    {
        s.Paused = paused;
        s.LastProgressAt = DateTimeOffset.UtcNow;
    });

    /// <summary>
    /// The unfinished, unpaused streams with no progress (a page written or a checkpoint) for longer than
    /// <paramref name="stallTimeout"/>, each as a sentence for readiness. A restart is not progress: a stream its
    /// watchdog keeps restarting stays stalled.
    /// </summary>
    public IReadOnlyList<string> Stalled(DateTimeOffset now, TimeSpan stallTimeout)
    {
        lock (_gate)
            return _streams
                .Where(e => e.Value.State is "pending" or "running" or "retrying" && !e.Value.Paused
                            && now - e.Value.LastProgressAt > stallTimeout)
                .Select(e => $"stream {e.Key} has made no progress for {Seconds(now - e.Value.LastProgressAt)} s " +
                             $"(engine.stall-timeout is {HoconDuration.Format(stallTimeout)})" +
                             (e.Value.LastError is { } error ? $"; last error: {error}" : ""))
                .ToList();
    }

    private static long Seconds(TimeSpan span) => (long)span.TotalSeconds;

    /// <inheritdoc />
    public long Records()
    {
        lock (_gate) return _streams.Values.Sum(s => s.Stats.Records - s.StartStats.Records);
    }

    public IReadOnlyList<StreamView> Snapshot(DateTimeOffset now)
    {
        lock (_gate)
            return _streams.Select(e => View(e.Key, e.Value, now)).ToList();
    }

    private static StreamView View(string name, Live s, DateTimeOffset now)
    {
        var active = s.State is "pending" or "running";
        var state = active && s.Paused ? "paused" : s.State;
        var stats = s.Stats;
        return new StreamView(
            name, state, s.Paused, s.Resumed, s.Cursor,
            stats.WindowsDone, stats.WindowsDone + stats.WindowsOpen, stats.Pages, Math.Max(s.PagesPlanned, stats.Pages),
            stats.Records, stats.Requests, stats.Retries, stats.RateLimited, stats.PagesInFlight,
            s.Restarts, s.LastError, state == "running" ? Eta(s, now) : null);
    }

    /// <summary>Pages left divided by this run's page rate so far.</summary>
    private static double? Eta(Live s, DateTimeOffset now)
    {
        if (s.StartedAt is not { } started) return null;
        var pagesThisRun = s.Stats.Pages - s.StartStats.Pages;
        var seconds = (now - started).TotalSeconds;
        if (pagesThisRun <= 0 || seconds <= 0) return null;
        var left = Math.Max(0, s.PagesPlanned - s.Stats.Pages);
        return Math.Round(left / (pagesThisRun / seconds), 1);
    }

    private void Update(string stream, Action<Live> change)
    {
        lock (_gate)
            if (_streams.TryGetValue(stream, out var live)) change(live);
    }

    private sealed class Live
    {
        public string State { get; set; } = "pending";
        public bool Paused { get; set; }
        public bool Resumed { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset LastProgressAt { get; set; }
        public StreamStats StartStats { get; set; } = StreamStats.Empty;
        public StreamStats Stats { get; set; } = StreamStats.Empty;
        public long PagesPlanned { get; set; }
        public string? Cursor { get; set; }
        public int Restarts { get; set; }
        public string? LastError { get; set; }
    }
}
