using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>Messages of the RateLimiter shared by every fetcher of one key.</summary>
public static class RateLimiterProtocol
{
    /// <summary>A fetcher asks to start a page; answered with <see cref="SlotGranted"/> while fewer than max-in-flight pages run.</summary>
    public sealed record AcquireSlot
    {
        public static AcquireSlot Instance { get; } = new();
        private AcquireSlot() { }
    }

    public sealed record SlotGranted
    {
        public static SlotGranted Instance { get; } = new();
        private SlotGranted() { }
    }

    public sealed record ReleaseSlot
    {
        public static ReleaseSlot Instance { get; } = new();
        private ReleaseSlot() { }
    }

    /// <summary>
    /// One HTTP attempt asks to go; answered with <see cref="PermitGranted"/> when the budget allows, or with a
    /// <see cref="Akka.Actor.Status.Failure"/> carrying a <see cref="PaystackApiException"/> while Paystack asks for a pause
    /// longer than max-pause.
    /// </summary>
    /// <param name="Background">Work that may wait (a reconciliation): granted only while no other attempt waits.</param>
    public sealed record AcquirePermit(bool Background)
    {
        public static AcquirePermit Instance { get; } = new(false);
        public static AcquirePermit InBackground { get; } = new(true);
    }

    /// <param name="Id">The grant's number, for <see cref="ObserveResponse.Permit"/>.</param>
    public sealed record PermitGranted(long Id);

    /// <summary>
    /// The attempt of grant <paramref name="Id"/> is being sent: the grant counts from now when this is later than the
    /// grant (the requester was slow to take it up), as Paystack counts the request when it arrives.
    /// </summary>
    public sealed record PermitTaken(long Id);

    /// <summary>
    /// The attempt of grant <paramref name="Id"/> ended without an answer (a timeout, a broken connection, a cancelled
    /// run): it no longer keeps a <see cref="Drain"/> waiting.
    /// </summary>
    public sealed record PermitAbandoned(long Id);

    /// <summary>
    /// The key moves to another owner: grant nothing more, and answer <see cref="Drained"/> once every attempt granted so far
    /// has been answered or abandoned, so the new owner's first window starts after the last of them reached Paystack. A
    /// grant never taken up (<see cref="PermitTaken"/>) within a second went to a requester that gave up and is not waited for.
    /// </summary>
    public sealed record Drain
    {
        public static Drain Instance { get; } = new();
        private Drain() { }
    }

    /// <param name="Granted">Permits granted since start.</param>
    /// <param name="LastAnswered">When the last of them was answered or abandoned; null when none was granted.</param>
    public sealed record Drained(long Granted, DateTimeOffset? LastAnswered);

    /// <summary>What a response said: a 429 or exhausted remaining budget pauses every permit of the key.</summary>
    public sealed record ObserveResponse(int StatusCode, RateLimitHeaders Headers)
    {
        /// <summary>The <see cref="PermitGranted.Id"/> of the attempt answered; 0 when unknown.</summary>
        public long Permit { get; init; }
    }

    public sealed record GetStatus
    {
        public static GetStatus Instance { get; } = new();
        private GetStatus() { }
    }

    /// <param name="Limit">The budget in force: requests per <paramref name="Period"/> the key may send now. It starts at
    /// <paramref name="ConfiguredLimit"/>, drops on a 429 or a lower X-RateLimit-Limit and grows back after quiet intervals.</param>
    /// <param name="Granted">Permits granted since start.</param>
    /// <param name="Waiting">Attempts waiting for a permit now.</param>
    /// <param name="PausedUntil">When a 429 or the headers paused the key, until when.</param>
    /// <param name="TotalWait">Time attempts spent waiting for permits, summed.</param>
    /// <param name="ServerLimit">X-RateLimit-Limit as Paystack last reported it.</param>
    /// <param name="ServerWindow">The longest X-RateLimit-Reset seen (at most the period): Paystack's window is at least this long.</param>
    /// <param name="RefusedUntil">While Paystack asked for a pause longer than max-pause, until when permits are refused.</param>
    /// <param name="Refused">Permits refused since start.</param>
    public sealed record LimiterStatus(
        int Limit, TimeSpan Period, long Granted, int Waiting, int SlotsInUse, DateTimeOffset? PausedUntil, long Throttled, TimeSpan TotalWait,
        int ConfiguredLimit, int? ServerLimit, TimeSpan? ServerWindow, DateTimeOffset? RefusedUntil, long Refused)
    {
        /// <summary>How much longer than Paystack's window grants are counted now (the learned margin, or the period's share).</summary>
        public TimeSpan Margin { get; init; }
    }
}
