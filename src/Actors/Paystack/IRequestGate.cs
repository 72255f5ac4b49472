namespace Paystack.Actors.Paystack;

/// <summary>
/// Admits every HTTP attempt, retries included, so that all requests made with one key share one budget.
/// The engine's RateLimiter actor stands behind it; <see cref="Unlimited"/> is for tools that need no limit.
/// </summary>
public interface IRequestGate
{
    /// <summary>Completes when one more request may be sent, with the permit to report its response under.</summary>
    Task<RequestPermit> WaitAsync(CancellationToken cancellationToken);

    /// <summary>Tells the gate what the response to <paramref name="permit"/>'s attempt said: its status and any rate-limit headers.</summary>
    void Report(RequestPermit permit, int statusCode, RateLimitHeaders headers);

    /// <summary>Tells the gate that <paramref name="permit"/>'s attempt ended without a response (a timeout, a transport error, a cancellation).</summary>
    void Abandon(RequestPermit permit) { }

    public static IRequestGate Unlimited { get; } = new UnlimitedGate();

    private sealed class UnlimitedGate : IRequestGate
    {
        private static readonly Task<RequestPermit> Admitted = Task.FromResult(RequestPermit.Untracked);
        public Task<RequestPermit> WaitAsync(CancellationToken cancellationToken) => Admitted;
        public void Report(RequestPermit permit, int statusCode, RateLimitHeaders headers) { }
    }
}
