using Akka.Actor;

namespace Paystack.Host.Admin;

/// <summary>
/// Lists the live actors under /user, level by level: every actor at a level is asked for its children with an
/// <see cref="Identify"/> sent to <c>path/*</c>, and the answers that arrive within a short quiet period make the next level.
/// </summary>
internal static class ActorTreeWalker
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(150);

    public static async Task<IReadOnlyList<string>> WalkAsync(ActorSystem system, int maxDepth, CancellationToken cancellationToken)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        IReadOnlyList<string> level = ["/user"];
        using var inbox = Inbox.Create(system);
        for (var depth = 0; depth < maxDepth && level.Count > 0; depth++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var parent in level)
                system.ActorSelection(parent + "/*").Tell(new Identify(depth), inbox.Receiver);

            var next = new List<string>();
            while (true)
            {
                object reply;
                try { reply = await inbox.ReceiveAsync(QuietPeriod); }
                catch (TimeoutException) { break; }
                if (reply is ActorIdentity { Subject: { } actor, MessageId: int replyDepth } && replyDepth == depth)
                {
                    var path = actor.Path.ToStringWithoutAddress();
                    if (found.Add(path)) next.Add(path);
                }
            }
            level = next;
        }
        return found.ToList();
    }
}
