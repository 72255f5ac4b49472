namespace Paystack.Actors.Paystack;

/// <summary>
/// Admits every HTTP attempt, retries included, so that all requests made with one key share one budget.
/// The engine's RateLimiter actor stands behind it; <see cref="Unlimited"/> is for tools that need no limit.
/// </summary>
public interface IRequestGate
{
    /// <summary>Completes when one more request may be sent.</summary>
    Task WaitAsync(CancellationToken cancellationToken);

    /// <summary>Tells the gate what a response said: its status and any rate-limit headers.</summary>
    void Report(int statusCode, RateLimitHeaders headers);

    public static IRequestGate Unlimited { get; } = new UnlimitedGate();

    private sealed class UnlimitedGate : IRequestGate
    {
        public Task WaitAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Report(int statusCode, RateLimitHeaders headers) { }
    }
}
