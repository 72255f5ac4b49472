using System.Collections.Concurrent;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync;
using Spectre.Console;

namespace Paystack.Host.Running;

/// <summary>
/// Shows a running sync: a live table per stream on a terminal, plain lines otherwise (a log file, a CI job).
/// Engine calls arrive from one actor; the live table is redrawn from a snapshot four times a second.
/// </summary>
internal sealed class ConsoleProgress : ISyncObserver, IAsyncDisposable
{
    private static readonly TimeSpan PlainLineInterval = TimeSpan.FromSeconds(5);

    private readonly IAnsiConsole _console;
    private readonly bool _live;
    private readonly ConcurrentDictionary<string, StreamLine> _lines = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renderer;

    public ConsoleProgress(IAnsiConsole console, IEnumerable<string> streams, bool live)
    {
        _console = console;
        _live = live;
        foreach (var stream in streams) _lines[stream] = new StreamLine("waiting", StreamStats.Empty, null, DateTimeOffset.MinValue);
        _renderer = live ? RenderLiveAsync() : Task.CompletedTask;
    }

    public void StreamStarted(StreamReports.Started started)
    {
        Update(started.Stream, line => line with { Status = started.Resumed ? "resuming" : "running" });
        var range = StreamCatalog.TryGet(started.Stream, out var definition) && !definition.SupportsTimeFilter
            ? "the whole list"
            : $"records created {started.LowerBound:yyyy-MM-dd HH:mm:ss} to {started.UpperBound:yyyy-MM-dd HH:mm:ss} UTC";
        Plain($"{started.Stream}: {(started.Resumed ? "resuming run" : "started run")} {started.RunId}, {range}");
    }

    public void Progress(StreamReports.Progress progress)
    {
        var line = Update(progress.Stream, l => l with { Stats = progress.Stats });
        if (_live || DateTimeOffset.UtcNow - line.LastPrinted < PlainLineInterval) return;
        _lines[progress.Stream] = line with { LastPrinted = DateTimeOffset.UtcNow };
        var s = progress.Stats;
        Plain($"{progress.Stream}: {s.Records:N0} records, {s.Pages:N0} pages, {s.WindowsDone}/{s.WindowsDone + s.WindowsOpen} windows");
    }

    public void Checkpoint(StreamReports.Checkpoint checkpoint) =>
        Update(checkpoint.Stream, line => line with { Cursor = checkpoint.Cursor });

    public void StreamRetrying(StreamReports.Failed failure, int attempt, TimeSpan delay)
    {
        Update(failure.Stream, line => line with { Status = $"retry {attempt}" });
        Plain($"{failure.Stream}: {failure.Reason}; retrying in {delay.TotalSeconds:F1} s (attempt {attempt})");
    }

    public void StreamFinished(StreamOutcome outcome)
    {
        Update(outcome.Stream, line => line with { Status = outcome.Succeeded ? "done" : "failed", Stats = outcome.Stats });
        Plain(outcome.Succeeded
            ? $"{outcome.Stream}: done, {outcome.Stats.Records:N0} records in {outcome.Duration.TotalSeconds:F1} s"
            : $"{outcome.Stream}: FAILED: {outcome.Error}");
    }

    private StreamLine Update(string stream, Func<StreamLine, StreamLine> change) =>
        _lines.AddOrUpdate(stream, _ => change(new StreamLine("running", StreamStats.Empty, null, DateTimeOffset.MinValue)), (_, l) => change(l));

    private void Plain(string text)
    {
        if (!_live) _console.WriteLine(text);
    }

    private Task RenderLiveAsync() => _console.Live(BuildTable()).AutoClear(true).StartAsync(async context =>
    {
        while (!_stop.IsCancellationRequested)
        {
            context.UpdateTarget(BuildTable());
            try { await Task.Delay(250, _stop.Token); }
            catch (OperationCanceledException) { }
        }
    });

    private Table BuildTable()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("stream").AddColumn("status").AddColumn(new TableColumn("records").RightAligned())
            .AddColumn(new TableColumn("pages").RightAligned()).AddColumn(new TableColumn("windows").RightAligned())
            .AddColumn(new TableColumn("requests").RightAligned()).AddColumn(new TableColumn("retries").RightAligned())
            .AddColumn("complete before");
        foreach (var (stream, line) in _lines.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var s = line.Stats;
            table.AddRow(stream, line.Status, $"{s.Records:N0}", $"{s.Pages:N0}", $"{s.WindowsDone}/{s.WindowsDone + s.WindowsOpen}",
                $"{s.Requests:N0}", $"{s.Retries:N0}", line.Cursor ?? "");
        }
        return table;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renderer;
        _stop.Dispose();
    }

    private sealed record StreamLine(string Status, StreamStats Stats, string? Cursor, DateTimeOffset LastPrinted);
}
