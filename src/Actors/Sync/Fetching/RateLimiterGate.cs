using Akka.Actor;
using Paystack.Actors.Paystack;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>Lets the HTTP client take every attempt's permit from the key's RateLimiter actor and report responses to it.</summary>
/// <param name="background">The client's requests yield to every other request of the key (see <see cref="AcquirePermit.Background"/>).</param>
public sealed class RateLimiterGate(IActorRef rateLimiter, bool background = false) : IRequestGate
{
    private readonly AcquirePermit _ask = background ? AcquirePermit.InBackground : AcquirePermit.Instance;

    /// <remarks>Faults with a <see cref="PaystackApiException"/> when the limiter refuses the permit (a pause beyond max-pause).</remarks>
    public Task WaitAsync(CancellationToken cancellationToken) =>
        rateLimiter.Ask<PermitGranted>(_ask, cancellationToken);

    public void Report(int statusCode, RateLimitHeaders headers) =>
        rateLimiter.Tell(new ObserveResponse(statusCode, headers));
}
