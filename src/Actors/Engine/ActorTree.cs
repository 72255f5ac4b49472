using Akka.Actor;

namespace Paystack.Actors.Engine;

/// <summary>
/// The engine's live actors as paths, found with public API only. Only an actor itself knows its children for sure
/// (<c>Context.GetChildren</c>), so each level's names come from whoever gives them: the registry (what the engine
/// started under /user), the job (a supervisor names each StreamActor after its stream) and the settings (a
/// StreamActor's <c>fetcher-1..k</c>, a replacement taking the name of the fetcher it replaces, and its <c>preparer</c>). Each name is then probed with Identify on its exact
/// path, which is answered exactly once: by the actor, or at once with nothing when no actor is there. A wildcard
/// selection would be answered by an unknown number of actors, so a walk over it could only wait and guess.
/// </summary>
internal static class ActorTree
{
    /// <summary>What a StreamActor names its children (see <c>StreamActor.StartFetching</c> and <c>StreamActor.Start</c>).</summary>
    private static IEnumerable<string> StreamChildren(int fetchersPerStream) =>
        Enumerable.Range(1, fetchersPerStream).Select(i => $"fetcher-{i}").Append("preparer");

    /// <param name="maxDepth">1 lists the actors under /user, 2 adds each job's streams, 3 their fetchers.</param>
    /// <param name="timeout">How long a busy actor may take to answer; one that has not answered by then is alive.</param>
    public static async Task<IReadOnlyList<string>> LiveAsync(
        ActorSystem system, EngineActors actors, int fetchersPerStream, int maxDepth, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var candidates = Candidates(actors, fetchersPerStream).Where(c => c.Depth <= maxDepth).Select(c => c.Path).Distinct().ToList();
        var alive = await Task.WhenAll(candidates.Select(path => IsAliveAsync(system, path, timeout, cancellationToken)));
        return candidates.Where((_, i) => alive[i]).Select(p => p.ToStringWithoutAddress()).Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<(ActorPath Path, int Depth)> Candidates(EngineActors actors, int fetchersPerStream)
    {
        foreach (var actor in actors.TopLevel) yield return (actor.Path, 1);
        foreach (var job in actors.RunningJobs)
            foreach (var selection in job.Job.Streams)
            {
                var stream = job.Supervisor.Path / selection.Stream.Name;
                yield return (stream, 2);
                foreach (var child in StreamChildren(fetchersPerStream)) yield return (stream / child, 3);
            }
    }

    private static async Task<bool> IsAliveAsync(ActorSystem system, ActorPath path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var identity = await system.ActorSelection(path).Ask<ActorIdentity>(new Identify(null), timeout, cancellationToken);
            return identity.Subject is not null;
        }
        catch (AskTimeoutException)
        {
            // A missing actor is answered for at once; only a live one with a long mailbox is late.
            return true;
        }
    }
}
