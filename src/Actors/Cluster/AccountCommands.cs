using Paystack.Actors.Runs;
using Paystack.Actors.Sync.Fetching;

namespace Paystack.Actors.Cluster;

/// <summary>A message for one account's entity, wherever in the cluster it lives: the account name is its entity id.</summary>
public interface IAccountCommand : IAccountClusterMessage
{
    string Account { get; }
}

/// <summary>Every message of this layer that may cross nodes or reach the journal; bound to <see cref="AccountMessageSerializer"/>.</summary>
public interface IAccountClusterMessage;

/// <summary>
/// What can be asked of an account's entity. Each is answered by one of <see cref="AccountReplies"/>; asking through the
/// shard region reaches the entity on whichever node owns it (and starts it there if it is not running).
/// </summary>
public static class AccountCommands
{
    /// <summary>Starts the entity (its schedule, its resumption of a run cut short) without asking for anything; answered with <see cref="AccountReplies.Awake"/>.</summary>
    public sealed record WakeUp(string Account) : IAccountCommand;

    /// <summary>Starts a run now unless one is going; answered with <see cref="AccountReplies.RunAccepted"/> or <see cref="AccountReplies.RunRefused"/>.</summary>
    /// <param name="Reason">Why, for people: "admin trigger".</param>
    public sealed record StartRun(string Account, string Reason) : IAccountCommand;

    /// <summary>Pauses or resumes a stream for the run going and every later one; answered with <see cref="AccountReplies.PauseSet"/>.</summary>
    public sealed record SetPaused(string Account, string Stream, bool Paused) : IAccountCommand;

    /// <summary>Answered with <see cref="AccountReplies.StatusReport"/>.</summary>
    public sealed record GetStatus(string Account) : IAccountCommand;

    /// <summary>
    /// Cancels the run going (its journal stays consistent, and it is not resumed) and stops the entity until the next
    /// command: what removing an account from the configuration does. Answered with <see cref="AccountReplies.RunsStopped"/>.
    /// </summary>
    public sealed record StopRuns(string Account) : IAccountCommand;
}

/// <summary>The entity's answers: plain values, so they cross nodes.</summary>
public static class AccountReplies
{
    public sealed record Awake(string Account, string Node) : IAccountClusterMessage;

    public sealed record RunAccepted(string Account, string Reason, DateTimeOffset StartedAt, string Node) : IAccountClusterMessage;

    /// <param name="Going">The run going; null when the entity is stopping, or the account is not configured (see <paramref name="Error"/>).</param>
    public sealed record RunRefused(string Account, RunView? Going, string? Error) : IAccountClusterMessage;

    /// <param name="Known">False when the account's runs have no stream of that name; nothing changed then.</param>
    /// <param name="AppliedToRun">A run is going and was told.</param>
    public sealed record PauseSet(string Account, string Stream, bool Paused, bool Known, bool AppliedToRun) : IAccountClusterMessage;

    /// <param name="Node">The cluster member the entity lives on (akka.tcp://system@host:port).</param>
    /// <param name="NextScheduledRun">Null without a schedule, or while nothing is due.</param>
    /// <param name="Error">Why the entity cannot run (the account is not configured on its node); null when it can.</param>
    /// <param name="Streams">What each stream of the run going is doing, as its owner sees it; null without a run.</param>
    /// <param name="RateLimiter">The key's rate limiter, which lives with the entity; null when it did not answer.</param>
    /// <param name="CurrentRecords">Records the run going has written so far.</param>
    public sealed record StatusReport(
        string Account,
        string Node,
        RunView? Current,
        FinishedRunView? Last,
        IReadOnlyList<string> PausedStreams,
        DateTimeOffset? NextScheduledRun,
        string? Error,
        IReadOnlyList<StreamView>? Streams = null,
        RateLimiterProtocol.LimiterStatus? RateLimiter = null,
        long CurrentRecords = 0) : IAccountClusterMessage;

    public sealed record RunsStopped(string Account, FinishedRunView? Cancelled) : IAccountClusterMessage;

    /// <param name="RunId">The engine's id of the run; null until it holds the destination's lease.</param>
    public sealed record RunView(string Reason, DateTimeOffset StartedAt, string? RunId);

    /// <param name="End">succeeded, failed, cancelled or skipped (<see cref="Runs.FinishedRun.EndLabel"/>).</param>
    /// <param name="Error">Why it did not succeed, for people; null when it succeeded or was cancelled.</param>
    public sealed record FinishedRunView(RunView Run, string End, DateTimeOffset FinishedAt, long Records, string? Error);
}
