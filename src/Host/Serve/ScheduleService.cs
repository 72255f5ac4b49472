using Microsoft.Extensions.Hosting;
using Serilog;

namespace Paystack.Host.Serve;

/// <summary>Starts runs when the schedule says; a due run that finds one still going is skipped and logged.</summary>
internal sealed class ScheduleService(RunCoordinator coordinator, ServeOptions options, ILogger logger) : BackgroundService
{
    /// <summary>Task.Delay takes at most ~49 days; a far cron occurrence is waited for in steps.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly ILogger _log = logger.ForContext("SourceContext", "Paystack.Serve");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Schedule;
        DateTimeOffset? due = options.RunAtStart ? DateTimeOffset.UtcNow : schedule.Next(DateTimeOffset.UtcNow);
        _log.Information("Schedule: {Schedule}; first run {Due:u}", schedule.Description, due);
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
                    _log.Warning("Scheduled run of {Due:u} skipped: the run started {StartedAt:u} ({Reason}) is still going",
                        next, going.StartedAt, going.Reason);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Akka.Actor.AskTimeoutException)
            {
                _log.Warning("Scheduled run of {Due:u} skipped: the engine did not answer", next);
            }

            var now = DateTimeOffset.UtcNow;
            due = schedule.Next(next);
            while (due is { } later && later <= now) due = schedule.Next(later);
        }
        coordinator.NextRun = null;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await coordinator.StopAsync();
    }
}
