namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Pages still to fetch. Follow-up pages of a window go to the front so open windows finish (and the cursor moves)
/// before new windows are opened; first pages of fresh windows go to the back.
/// </summary>
internal sealed class WorkQueue
{
    private readonly LinkedList<PageTask> _tasks = new();

    public int Count => _tasks.Count;

    public void Enqueue(PageTask task) => _tasks.AddLast(task);

    /// <summary>Puts tasks at the front, keeping their given order.</summary>
    public void PushFront(IEnumerable<PageTask> tasks)
    {
        LinkedListNode<PageTask>? after = null;
        foreach (var task in tasks)
            after = after is null ? _tasks.AddFirst(task) : _tasks.AddAfter(after, task);
    }

    public bool TryDequeue(out PageTask task)
    {
        if (_tasks.First is { } first)
        {
            task = first.Value;
            _tasks.RemoveFirst();
            return true;
        }
        task = default;
        return false;
    }

    public void Clear() => _tasks.Clear();
}
