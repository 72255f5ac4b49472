namespace Paystack.Bench;

/// <summary>The rate limit given to sandbox and engine when a case is "unlimited": far above anything reachable.</summary>
public static class SandboxLimits
{
    public const int Unlimited = 10_000_000;
}
