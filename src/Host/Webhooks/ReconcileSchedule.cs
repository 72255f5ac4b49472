using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Reconciliation;

namespace Paystack.Host.Webhooks;

/// <summary>
/// Runs a <see cref="Reconciler"/> every <c>reconcile-every</c>, and on demand; one at a time. A reconciliation that
/// finds the destination busy or Paystack unwilling is logged and left to the next.
/// </summary>
internal sealed class ReconcileSchedule : IAsyncDisposable
{
    private readonly Reconciler _reconciler;
    private readonly TimeSpan _every;
    private readonly Serilog.ILogger _log;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public ReconcileSchedule(Reconciler reconciler, TimeSpan every, Serilog.ILogger log)
    {
        _reconciler = reconciler;
        _every = every;
        _log = log;
        _loop = every > TimeSpan.Zero ? LoopAsync() : Task.CompletedTask;
    }

    /// <summary>The last reconciliation's report, if one ran.</summary>
    public ReconcileReport? Last { get; private set; }

    /// <exception cref="DestinationBusyException">A run held the destination for longer than the lease wait.</exception>
    public async Task<ReconcileReport> RunNowAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await _one.WaitAsync(linked.Token);
        try
        {
            var report = await _reconciler.RunAsync(linked.Token);
            Last = report;
            _log.Information(
                "Reconciliation from {From:u}: {Read} records re-read, {Changed} changed that no webhook had brought in, {Missing} missing; {Streams}",
                report.From, report.Streams.Sum(s => s.Read), report.Changed, report.Streams.Sum(s => s.Missing),
                string.Join(", ", report.Streams.Select(s => $"{s.Stream} {s.Changed}/{s.Read}")));
            return report;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await RunNowAsync(_stopping.Token);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    _log.Warning("Reconciliation not done ({Reason}); the next is due in {Every}", failure.Message, _every);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
