using System.Collections.Immutable;
using static Paystack.Actors.Cluster.AccountEvents;

namespace Paystack.Actors.Cluster;

/// <summary>An account entity's durable state: the same <see cref="Apply"/> in recovery and live.</summary>
/// <param name="Unfinished">The run begun and not finished: the entity resumes it as soon as it starts.</param>
/// <param name="LastRunBeganAt">When the last run began: the schedule's next due time is counted from it.</param>
/// <param name="LastFinished">
/// The last run that ended, as status shows it: a member that takes the account over has no runs of its own to show yet.
/// </param>
public sealed record AccountEntityState(
    RunBegan? Unfinished, DateTimeOffset? LastRunBeganAt, ImmutableSortedSet<string> Paused, AccountReplies.FinishedRunView? LastFinished = null)
{
    public static AccountEntityState Empty { get; } = new(null, null, ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    public AccountEntityState Apply(IAccountEvent e) => e switch
    {
        RunBegan began => this with { Unfinished = began, LastRunBeganAt = began.At },
        RunFinished finished => this with { Unfinished = null, LastFinished = finished.Run ?? LastFinished },
        StreamPauseChanged { Paused: true } p => this with { Paused = Paused.Add(p.Stream) },
        StreamPauseChanged p => this with { Paused = Paused.Remove(p.Stream) },
        _ => throw new ArgumentException($"Unknown account event {e.GetType().Name}.", nameof(e)),
    };

    /// <summary>
    /// When the next scheduled run is due: counted from the later of the last run's start and
    /// <paramref name="refusedAt"/> (a scheduled run the runner did not start); for an account that has never tried to
    /// run, <paramref name="now"/> when <paramref name="firstRunAtOnce"/>, else counted from <paramref name="now"/>.
    /// Null for an account without a schedule.
    /// </summary>
    public DateTimeOffset? NextDue(
        Func<DateTimeOffset, DateTimeOffset?>? nextRunAfter, DateTimeOffset now, DateTimeOffset? refusedAt = null, bool firstRunAtOnce = false)
    {
        if (nextRunAfter is null) return null;
        var from = LastRunBeganAt is { } began && !(refusedAt > began) ? began : refusedAt;
        return from is null && firstRunAtOnce ? now : nextRunAfter(from ?? now);
    }
}
