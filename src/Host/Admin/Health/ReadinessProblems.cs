namespace Paystack.Host.Admin.Health;

/// <summary>The sentences readiness names its problems with, the same for a single serve and a cluster member.</summary>
internal static class ReadinessProblems
{
    public static string KeyPaused(DateTimeOffset until) =>
        $"Paystack paused the key for longer than max-pause: requests are refused until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
}
