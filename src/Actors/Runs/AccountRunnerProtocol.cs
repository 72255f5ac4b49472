using Akka.Actor;

namespace Paystack.Actors.Runs;

/// <summary>Messages of the <see cref="AccountRunner"/>. Replies carry observers and exceptions: they never leave the process.</summary>
public static class AccountRunnerProtocol
{
    /// <summary>Starts a run now unless one is going; answered with <see cref="RunStarted"/> or <see cref="RunRefused"/>.</summary>
    /// <param name="Reason">Why, for people: "schedule", "admin trigger".</param>
    public sealed record StartRun(string Reason);

    public sealed record RunStarted(AccountRun Run) : INoSerializationVerificationNeeded;

    /// <param name="Going">The run that is going; null when the runner is stopping and starts no more runs.</param>
    public sealed record RunRefused(AccountRun? Going) : INoSerializationVerificationNeeded;

    /// <summary>
    /// Pauses (a paused stream dispatches no new pages) or resumes a stream, for the run going and every later one;
    /// answered with <see cref="PauseSet"/>.
    /// </summary>
    public sealed record SetPaused(string Stream, bool Paused);

    /// <param name="Known">False when the account's runs have no stream of that name; nothing changed then.</param>
    /// <param name="AppliedToRun">A run is going and was told (or, still waiting for the destination, starts with it).</param>
    public sealed record PauseSet(string Stream, bool Paused, bool Known, bool AppliedToRun);

    /// <summary>Answered with <see cref="AccountStatus"/>.</summary>
    public sealed record GetStatus
    {
        public static GetStatus Instance { get; } = new();
        private GetStatus() { }
    }

    /// <param name="Current">The run going now, if any.</param>
    /// <param name="Last">The run that ended last, if any.</param>
    /// <param name="PausedStreams">Paused now, and at the start of every later run until resumed.</param>
    public sealed record AccountStatus(AccountRun? Current, FinishedRun? Last, IReadOnlyList<string> PausedStreams)
        : INoSerializationVerificationNeeded;

    /// <summary>
    /// Cancels the run going (its journal stays consistent) and refuses every later one; answered with
    /// <see cref="RunsStopped"/> once that run has ended.
    /// </summary>
    public sealed record StopRuns
    {
        public static StopRuns Instance { get; } = new();
        private StopRuns() { }
    }

    /// <summary>
    /// Refuses every later run and lets the run going finish on its own (an account removed or changed while serving);
    /// answered with <see cref="RunsStopped"/> once that run has ended.
    /// </summary>
    public sealed record FinishRuns
    {
        public static FinishRuns Instance { get; } = new();
        private FinishRuns() { }
    }

    /// <param name="Cancelled">The run that was going, as it ended; null when none was.</param>
    public sealed record RunsStopped(FinishedRun? Cancelled) : INoSerializationVerificationNeeded;
}
