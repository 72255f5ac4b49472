using Akka.Actor;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>Asks a key's rate limiter how it stands, for what reports on it (the admin endpoint, readiness).</summary>
public static class RateLimiterStatus
{
    /// <summary>The limiter's status; null when it does not answer within <paramref name="timeout"/> (it is stopping with its account).</summary>
    public static async Task<RateLimiterProtocol.LimiterStatus?> StatusOrNullAsync(
        this IActorRef limiter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await limiter.Ask<RateLimiterProtocol.LimiterStatus>(RateLimiterProtocol.GetStatus.Instance, timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
