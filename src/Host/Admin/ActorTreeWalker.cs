using Akka.Actor;

namespace Paystack.Host.Admin;

/// <summary>
/// Lists the live actors under /user by walking each actor's children from the user guardian down. Reading the
/// children containers is exact and instant, unlike <see cref="Identify"/> broadcasts, whose answers a busy machine
/// can delay past any quiet period (actors would then silently go missing from the list).
/// </summary>
internal static class ActorTreeWalker
{
    public static IReadOnlyList<string> Walk(ActorSystem system, int maxDepth)
    {
        var found = new List<string>();
        if (system is ExtendedActorSystem extended)
            Visit(extended.Guardian, 0, maxDepth, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Visit(IActorRef parent, int depth, int maxDepth, List<string> found)
    {
        if (depth >= maxDepth || parent is not ActorRefWithCell withCell) return;
        foreach (var child in withCell.Children)
        {
            if (child.IsNobody()) continue;
            found.Add(child.Path.ToStringWithoutAddress());
            Visit(child, depth + 1, maxDepth, found);
        }
    }
}
