namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// The grants of a RateLimiter whose attempts have not been answered yet: what a drain waits for. A grant its requester
/// never took up (it gave up waiting: its run or stream was cancelled) will never be answered, so one not taken up
/// within a grace is let go.
/// </summary>
internal sealed class UnansweredGrants
{
    private readonly Dictionary<long, (DateTimeOffset GrantedAt, bool Taken)> _grants = [];

    public int Count => _grants.Count;

    public void Granted(long id, DateTimeOffset at) => _grants[id] = (at, false);

    public void Taken(long id)
    {
        if (_grants.TryGetValue(id, out var grant)) _grants[id] = grant with { Taken = true };
    }

    /// <returns>Whether <paramref name="id"/> was waited for.</returns>
    public bool Answered(long id) => _grants.Remove(id);

    /// <summary>Lets go of the grants not taken up within <paramref name="grace"/> of their grant.</summary>
    /// <returns>When the next of those still within their grace runs out; null when none is.</returns>
    public DateTimeOffset? LetGoUntaken(DateTimeOffset now, TimeSpan grace)
    {
        DateTimeOffset? next = null;
        foreach (var (id, grant) in _grants.Where(g => !g.Value.Taken).ToList())
        {
            var expires = grant.GrantedAt + grace;
            if (expires <= now) _grants.Remove(id);
            else if (next is null || expires < next) next = expires;
        }
        return next;
    }
}
