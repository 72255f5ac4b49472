using System.Diagnostics;
using Akka.Actor;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Bench;

/// <summary>
/// With <c>--trace</c>: one line a second with records done, pages in flight and the rate limiter's view (permits granted,
/// attempts waiting, slots in use), to see where a run waits.
/// </summary>
public sealed class ProgressTrace : IAsyncDisposable
{
    private readonly ProgressCounter _counter;
    private readonly IActorRef _rateLimiter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    public ProgressTrace(ProgressCounter counter, IActorRef rateLimiter)
    {
        _counter = counter;
        _rateLimiter = rateLimiter;
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long lastRecords = 0, lastGranted = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var status = await _rateLimiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(5));
                var records = _counter.Records;
                Console.WriteLine(
                    $"t={_clock.Elapsed.TotalSeconds,6:F1}s records={records,9:N0} (+{records - lastRecords,6:N0}) "
                    + $"pages-in-flight={_counter.PagesInFlight,3} permits=+{status.Granted - lastGranted,4} "
                    + $"waiting={status.Waiting,3} slots={status.SlotsInUse,3} paused={(status.PausedUntil is null ? "no" : "yes")} "
                    + $"throttled={status.Throttled}");
                (lastRecords, lastGranted) = (records, status.Granted);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
