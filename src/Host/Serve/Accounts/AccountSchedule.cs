using Serilog;

namespace Paystack.Host.Serve.Accounts;

/// <summary>Starts an account's runs when its schedule says; a due run that finds one still going is skipped and logged.</summary>
internal static class AccountSchedule
{
    /// <summary>Task.Delay takes at most ~49 days; a far cron occurrence is waited for in steps.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    /// <param name="runAtStart">The first run is due at once rather than at the schedule's first time.</param>
    /// <returns>Completes when <paramref name="stoppingToken"/> is cancelled or a cron expression fires no more.</returns>
    public static async Task RunAsync(RunCoordinator coordinator, bool runAtStart, ILogger log, CancellationToken stoppingToken)
    {
        var schedule = coordinator.Account.Schedule;
        DateTimeOffset? due = runAtStart ? DateTimeOffset.UtcNow : schedule.Next(DateTimeOffset.UtcNow);
        log.Information("Schedule of account {Account}: {Schedule}; first run {Due:u}", coordinator.AccountId, schedule.Description, due);
        while (due is { } next && !stoppingToken.IsCancellationRequested)
        {
            coordinator.NextRun = next;
            try
            {
                for (var wait = next - DateTimeOffset.UtcNow; wait > TimeSpan.Zero; wait = next - DateTimeOffset.UtcNow)
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                var (started, going) = await coordinator.TryStartAsync("schedule", stoppingToken);
                if (!started && going is not null)
                    log.Warning("Scheduled run of {Due:u} of account {Account} skipped: the run started {StartedAt:u} ({Reason}) is still going",
                        next, coordinator.AccountId, going.StartedAt, going.Reason);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Akka.Actor.AskTimeoutException)
            {
                log.Warning("Scheduled run of {Due:u} of account {Account} skipped: the engine did not answer", next, coordinator.AccountId);
            }

            var now = DateTimeOffset.UtcNow;
            due = schedule.Next(next);
            while (due is { } later && later <= now) due = schedule.Next(later);
        }
        coordinator.NextRun = null;
    }
}
