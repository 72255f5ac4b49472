namespace Paystack.Sandbox.Http;

/// <summary>Whether a request may proceed and what the X-RateLimit-* headers say.</summary>
internal readonly record struct RateDecision(bool Admitted, int Limit, int Remaining, TimeSpan UntilSlotFrees)
{
    /// <summary>Whole seconds, rounded up, never below 1 while a slot is pending.</summary>
    public int ResetSeconds => UntilSlotFrees <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(UntilSlotFrees.TotalSeconds);
}
