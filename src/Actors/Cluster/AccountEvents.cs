namespace Paystack.Actors.Cluster;

/// <summary>What an account's entity journals: enough to resume a run cut short and keep its schedule and pauses on any node.</summary>
public interface IAccountEvent : IAccountClusterMessage;

public static class AccountEvents
{
    /// <summary>A run was asked for; journaled before it starts, so a run the node's loss cut short is resumed by the next owner.</summary>
    public sealed record RunBegan(string Reason, DateTimeOffset At) : IAccountEvent;

    /// <summary>The run ended while its entity lived (succeeded, failed, skipped or cancelled on purpose): nothing to resume.</summary>
    /// <param name="Run">How it went, for the account's status on whichever member owns it next; null in events written before it was kept.</param>
    public sealed record RunFinished(string End, DateTimeOffset At, AccountReplies.FinishedRunView? Run = null) : IAccountEvent;

    public sealed record StreamPauseChanged(string Stream, bool Paused) : IAccountEvent;
}
