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

    public sealed record PermitGranted
    {
        public static PermitGranted Instance { get; } = new();
        private PermitGranted() { }
    }

    /// <summary>What a response said: a 429 or exhausted remaining budget pauses every permit of the key.</summary>
    public sealed record ObserveResponse(int StatusCode, RateLimitHeaders Headers);

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
        int ConfiguredLimit, int? ServerLimit, TimeSpan? ServerWindow, DateTimeOffset? RefusedUntil, long Refused);
}
