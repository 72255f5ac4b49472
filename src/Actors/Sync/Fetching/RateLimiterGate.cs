using Akka.Actor;
using Paystack.Actors.Paystack;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>Lets the HTTP client take every attempt's permit from the key's RateLimiter actor and report responses to it.</summary>
public sealed class RateLimiterGate(IActorRef rateLimiter) : IRequestGate
{
    /// <remarks>Faults with a <see cref="PaystackApiException"/> when the limiter refuses the permit (a pause beyond max-pause).</remarks>
    public Task WaitAsync(CancellationToken cancellationToken) =>
        rateLimiter.Ask<PermitGranted>(AcquirePermit.Instance, cancellationToken);

    public void Report(int statusCode, RateLimitHeaders headers) =>
        rateLimiter.Tell(new ObserveResponse(statusCode, headers));
}
