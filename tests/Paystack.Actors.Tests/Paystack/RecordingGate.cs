using System.Collections.Concurrent;
using System.Diagnostics;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Paystack;

/// <summary>A gate that admits everything and remembers when each attempt asked and what each response said.</summary>
internal sealed class RecordingGate : IRequestGate
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<GateEvent> _events = new();

    public IReadOnlyList<GateEvent> Events => _events.ToArray();
    public int Waits => Events.Count(e => e.Status is null);
    public int Reports => Events.Count(e => e.Status is not null);

    /// <summary>Attempts that ended without a response.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    private int _abandoned;

    public Task<RequestPermit> WaitAsync(CancellationToken cancellationToken)
    {
        _events.Enqueue(new GateEvent(_clock.Elapsed, null, null));
        return Task.FromResult(RequestPermit.Untracked);
    }

    public void Report(RequestPermit permit, int statusCode, RateLimitHeaders headers) =>
        _events.Enqueue(new GateEvent(_clock.Elapsed, statusCode, headers));

    public void Abandon(RequestPermit permit) => Interlocked.Increment(ref _abandoned);

    /// <summary>For every 429, the time from its report to the next attempt's wait.</summary>
    public IReadOnlyList<TimeSpan> PausesAfter429()
    {
        var events = Events;
        var pauses = new List<TimeSpan>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Status == 429 && events.Skip(i + 1).FirstOrDefault(e => e.Status is null) is { } next)
            {
                pauses.Add(next.At - events[i].At);
            }
        }

        return pauses;
    }
}

internal sealed record GateEvent(TimeSpan At, int? Status, RateLimitHeaders? Headers);
