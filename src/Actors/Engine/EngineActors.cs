using System.Collections.Concurrent;
using Akka.Actor;

namespace Paystack.Actors.Engine;

/// <summary>
/// The actors the engine started, by what they serve: callers find them here instead of by path, wildcard selection
/// or the actor system's internals. Akka.Hosting's ActorRegistry keys one actor per type, and holds the engine's
/// one-per-system actors (the <see cref="DeadLetterLog"/>); these are one per account (RateLimiter, AccountRunner) or
/// per run (supervisor, Sink), are started on demand and end with their account or run, hence this small registry of
/// the engine's own.
/// </summary>
public sealed class EngineActors
{
    private readonly ConcurrentDictionary<string, IActorRef> _rateLimiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IActorRef> _accountRunners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunningJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>The account's RateLimiter, started by <paramref name="start"/> the first time it is asked for.</summary>
    internal IActorRef RateLimiter(string accountId, Func<string, IActorRef> start) => _rateLimiters.GetOrAdd(accountId, start);

    /// <summary>The account's AccountRunner; null before one was started.</summary>
    public IActorRef? AccountRunner(string accountId) => _accountRunners.GetValueOrDefault(accountId);

    /// <exception cref="InvalidOperationException">The account has an AccountRunner already.</exception>
    internal IActorRef AddAccountRunner(string accountId, Func<IActorRef> start)
    {
        lock (_accountRunners)
        {
            if (_accountRunners.ContainsKey(accountId))
                throw new InvalidOperationException($"Account {accountId} has an AccountRunner already; find it with {nameof(AccountRunner)}.");
            return _accountRunners[accountId] = start();
        }
    }

    /// <summary>Forgets the account's AccountRunner; the caller stops it. Null when it had none.</summary>
    internal IActorRef? RemoveAccountRunner(string accountId)
    {
        lock (_accountRunners)
            return _accountRunners.TryRemove(accountId, out var runner) ? runner : null;
    }

    /// <summary>Forgets the account's RateLimiter; the caller stops it. Null when it had none.</summary>
    internal IActorRef? RemoveRateLimiter(string accountId) => _rateLimiters.TryRemove(accountId, out var limiter) ? limiter : null;

    /// <summary>The jobs running now, of every account.</summary>
    public IReadOnlyList<RunningJob> RunningJobs => _jobs.Values.OrderBy(j => j.RunId, StringComparer.Ordinal).ToList();

    internal void JobStarted(RunningJob job) => _jobs[job.RunId] = job;

    internal void JobEnded(string runId) => _jobs.TryRemove(runId, out _);

    /// <summary>Every actor the engine started itself (directly under /user), for the actor tree.</summary>
    public IReadOnlyList<IActorRef> TopLevel =>
    [
        .. _rateLimiters.Values,
        .. _accountRunners.Values,
        .. RunningJobs.SelectMany(j => new[] { j.Sink, j.Supervisor }),
    ];
}
