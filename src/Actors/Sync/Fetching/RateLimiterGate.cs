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
    public async Task<RequestPermit> WaitAsync(CancellationToken cancellationToken)
    {
        var granted = await rateLimiter.Ask<PermitGranted>(_ask, cancellationToken).ConfigureAwait(false);
        // The attempt goes now, which may be well after the grant when this process stalled (a GC, a busy thread pool).
        rateLimiter.Tell(new PermitTaken(granted.Id));
        return new RequestPermit(granted.Id);
    }

    public void Report(RequestPermit permit, int statusCode, RateLimitHeaders headers) =>
        rateLimiter.Tell(new ObserveResponse(statusCode, headers) { Permit = permit.Id });

    public void Abandon(RequestPermit permit) => rateLimiter.Tell(new PermitAbandoned(permit.Id));
}
