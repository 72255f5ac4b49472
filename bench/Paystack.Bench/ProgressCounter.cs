using Paystack.Actors.Sync;

namespace Paystack.Bench;

/// <summary>Counts records durable at the destination, summed over streams, as the engine reports progress.</summary>
public sealed class ProgressCounter : ISyncObserver
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _inFlight = new(StringComparer.Ordinal);

    public long Records
    {
        get { lock (_gate) return _records.Values.Sum(); }
    }

    /// <summary>Pages in flight, summed over streams, as of each stream's last report.</summary>
    public long PagesInFlight
    {
        get { lock (_gate) return _inFlight.Values.Sum(); }
    }

    public void Progress(StreamReports.Progress progress) => Set(progress.Stream, progress.Stats);

    public void StreamFinished(StreamOutcome outcome) => Set(outcome.Stream, outcome.Stats with { PagesInFlight = 0 });

    private void Set(string stream, StreamStats stats)
    {
        lock (_gate)
        {
            _records[stream] = Math.Max(stats.Records, _records.GetValueOrDefault(stream));
            _inFlight[stream] = stats.PagesInFlight;
        }
    }
}
