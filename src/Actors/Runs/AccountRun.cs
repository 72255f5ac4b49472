using Paystack.Actors.Sync;

namespace Paystack.Actors.Runs;

/// <summary>A run an <see cref="AccountRunner"/> started.</summary>
/// <param name="Reason">Why it started, for people: "schedule", "admin trigger".</param>
/// <param name="Observer">What its owner watches its streams with (see <see cref="IRunWatcher.RunStarting"/>).</param>
public sealed record AccountRun(string Reason, DateTimeOffset StartedAt, SyncJob Job, ISyncObserver Observer)
{
    /// <summary>The engine's id of the run, known once it holds the destination's lease and its streams start.</summary>
    public string? RunId { get; init; }
}

/// <summary>How a run ended.</summary>
public enum RunEnd
{
    Succeeded,
    /// <summary>A stream failed, or the run could not start or go on (see <see cref="FinishedRun.Error"/>).</summary>
    Failed,
    /// <summary>Stopped before its end; its journal holds every durable page and the next run resumes it.</summary>
    Cancelled,
    /// <summary>Another run held the destination's lease.</summary>
    Skipped,
}

/// <param name="Outcome">Every stream's outcome; null when the run ended before its streams could (skipped, cancelled, broken).</param>
/// <param name="Error">Why it did not succeed, for people; null when it succeeded or was cancelled.</param>
/// <param name="Exception">What ended it, when something threw; for logs.</param>
public sealed record FinishedRun(AccountRun Run, RunEnd End, DateTimeOffset FinishedAt, SyncOutcome? Outcome, string? Error, Exception? Exception)
{
    public TimeSpan Duration => FinishedAt - Run.StartedAt;

    /// <summary>The end as a lower-case word, for status answers and metric labels.</summary>
    public string EndLabel => End.ToString().ToLowerInvariant();
}
