using Akka.Actor;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Reconciliation;
using Paystack.Actors.Webhooks;

namespace Paystack.Host.Webhooks;

/// <summary>
/// Runs a <see cref="Reconciler"/> every <c>reconcile-every</c>, and on demand; one at a time. The last one's time is
/// journaled by the inbox, so the schedule holds across restarts. A scheduled one waits while a run is going (fresh
/// work comes first); one that finds the destination busy or Paystack unwilling is logged and left to the next.
/// </summary>
internal sealed class ReconcileSchedule : IAsyncDisposable
{
    private static readonly TimeSpan RunCheck = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly Reconciler _reconciler;
    private readonly TimeSpan _every;
    private readonly IActorRef _inbox;
    private readonly Func<CancellationToken, Task<bool>> _runGoing;
    private readonly Serilog.ILogger _log;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="runGoing">Whether a run of the account is going now.</param>
    public ReconcileSchedule(Reconciler reconciler, TimeSpan every, IActorRef inbox, Func<CancellationToken, Task<bool>> runGoing, Serilog.ILogger log)
    {
        _reconciler = reconciler;
        _every = every;
        _inbox = inbox;
        _runGoing = runGoing;
        _log = log;
        _loop = every > TimeSpan.Zero ? LoopAsync(_stopping.Token) : Task.CompletedTask;
    }

    /// <summary>The last reconciliation's report since start, if one ran.</summary>
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
            await _inbox.Ask<WebhookInboxProtocol.Recorded>(new WebhookInboxProtocol.RecordReconciled(report.FinishedAt), AskTimeout, linked.Token);
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

    private async Task LoopAsync(CancellationToken stopping)
    {
        try
        {
            var status = await _inbox.Ask<WebhookInboxProtocol.InboxStatus>(WebhookInboxProtocol.GetStatus.Instance, AskTimeout, stopping);
            var due = (status.LastReconciledAt ?? DateTimeOffset.UtcNow) + _every;
            while (!stopping.IsCancellationRequested)
            {
                for (var wait = due - DateTimeOffset.UtcNow; wait > TimeSpan.Zero; wait = due - DateTimeOffset.UtcNow)
                    await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), stopping);
                while (await _runGoing(stopping)) await Task.Delay(RunCheck, stopping);
                try
                {
                    await RunNowAsync(stopping);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    _log.Warning("Reconciliation not done ({Reason}); the next is due in {Every}", failure.Message, _every);
                }
                due = DateTimeOffset.UtcNow + _every;
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (AskTimeoutException)
        {
            _log.Warning("The webhook inbox did not answer; reconciliations run only when asked (POST /admin/reconcile)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
