using Paystack.Sandbox.Http;

namespace Paystack.Sandbox;

/// <summary>
/// One key a running <see cref="SandboxServer"/> accepts: the records it is served (<see cref="Store"/>), its rate limit
/// and the requests it sent (<see cref="Requests"/>). The options' test and live keys are two accounts sharing one store.
/// </summary>
public sealed class SandboxAccount
{
    internal SandboxAccount(string key, string domain, int rateLimit, TimeSpan rateLimitWindow, SandboxStore store, AccountEndpoints endpoints)
    {
        Key = key;
        Domain = domain;
        RateLimit = rateLimit;
        RateLimitWindow = rateLimitWindow;
        Store = store;
        Endpoints = endpoints;
    }

    /// <summary>The secret key (a sandbox key, never a real one).</summary>
    public string Key { get; }

    /// <summary><c>test</c> or <c>live</c>: the <c>domain</c> of the records this key is served.</summary>
    public string Domain { get; }

    /// <summary>Requests this key may send in any rolling <see cref="RateLimitWindow"/>.</summary>
    public int RateLimit { get; }

    /// <summary>Length of the rolling rate-limit window.</summary>
    public TimeSpan RateLimitWindow { get; }

    /// <summary>The records this key is served: the set a destination synced with this key must equal.</summary>
    public SandboxStore Store { get; }

    /// <summary>Every request that came with this key, in arrival order (the server's log holds all keys').</summary>
    public SandboxRequestLog Requests { get; } = new();

    internal AccountEndpoints Endpoints { get; }

    /// <summary>Whether this key's requests ever exceeded its budget in a rolling window (see <see cref="RollingWindowBudget"/>).</summary>
    public BudgetCheck CheckBudget() => RollingWindowBudget.Check(Requests.Entries, RateLimit, RateLimitWindow);
}
