using Akka.Actor;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// The pages of a run between the queue and the journal: to fetch, fetching (and by which fetcher), fetched and waiting
/// to be written, being written. It decides what to dispatch and what to write next and holds nothing durable: after
/// a crash the journal says which pages to queue again.
/// </summary>
internal sealed class PagePipeline(int maxPagesHeld, int writeBatchSize)
{
    private readonly WorkQueue _pending = new();
    private readonly Queue<IActorRef> _idle = new();
    private readonly Dictionary<IActorRef, PageTask> _inFlight = new();
    private readonly List<FetchedPage> _buffer = [];
    private (long Id, IReadOnlyList<FetchedPage> Pages)? _writing;

    public int InFlight => _inFlight.Count;

    /// <summary>A batch is at the destination, not yet acknowledged.</summary>
    public bool IsWriting => _writing is not null;

    /// <summary>Nothing is fetching, waiting or being written.</summary>
    public bool IsDrained => _inFlight.Count == 0 && _buffer.Count == 0 && _writing is null;

    public void AddFetcher(IActorRef fetcher) => _idle.Enqueue(fetcher);

    public void Enqueue(PageTask task) => _pending.Enqueue(task);

    /// <summary>Follow-up pages of open windows go first, so they finish (and the cursor moves) before new windows open.</summary>
    public void PushFront(IEnumerable<PageTask> tasks) => _pending.PushFront(tasks);

    /// <summary>
    /// Hands queued pages to idle fetchers while fewer than <c>max-pages-held</c> pages are held (fetching or
    /// waiting to be written), so memory stays flat whatever the account's size.
    /// </summary>
    public IReadOnlyList<(IActorRef Fetcher, PageTask Task)> Dispatch()
    {
        var dispatched = new List<(IActorRef, PageTask)>();
        while (_idle.Count > 0 && _inFlight.Count + _buffer.Count < maxPagesHeld && _pending.TryDequeue(out var task))
        {
            var fetcher = _idle.Dequeue();
            _inFlight[fetcher] = task;
            dispatched.Add((fetcher, task));
        }
        return dispatched;
    }

    /// <summary>A fetcher answered: it is idle again.</summary>
    public void Answered(IActorRef fetcher)
    {
        if (_inFlight.Remove(fetcher)) _idle.Enqueue(fetcher);
    }

    /// <summary>A fetcher died: it is gone, and the page it held, if any, is returned to be fetched again.</summary>
    public PageTask? Lost(IActorRef fetcher)
    {
        var queue = _idle.Where(f => !f.Equals(fetcher)).ToList();
        _idle.Clear();
        foreach (var f in queue) _idle.Enqueue(f);
        return _inFlight.Remove(fetcher, out var task) ? task : null;
    }

    public void Buffer(FetchedPage page) => _buffer.Add(page);

    /// <summary>Whether fetched pages of the window still wait to be written or are being written.</summary>
    public bool HoldsPagesOf(TimeWindow window) =>
        _buffer.Any(p => p.Task.Window == window) || _writing?.Pages.Any(p => p.Task.Window == window) == true;

    /// <summary>
    /// The next batch to write, about <c>write-batch-size</c> records of whole pages in arrival order; null while one is
    /// being written or none waits. A batch of empty pages has no records and needs no write.
    /// </summary>
    public (IReadOnlyList<FetchedPage> Pages, IReadOnlyList<PaystackRecord> Records)? NextBatch()
    {
        if (_writing is not null || _buffer.Count == 0) return null;
        var pages = new List<FetchedPage>();
        var records = new List<PaystackRecord>();
        foreach (var page in _buffer)
        {
            if (pages.Count > 0 && records.Count + page.Records.Count > writeBatchSize) break;
            pages.Add(page);
            records.AddRange(page.Records);
        }
        _buffer.RemoveRange(0, pages.Count);
        return (pages, records);
    }

    public void Writing(long id, IReadOnlyList<FetchedPage> pages) => _writing = (id, pages);

    /// <summary>The pages of the write with this id, now durable; null for any other id.</summary>
    public IReadOnlyList<FetchedPage>? Written(long id)
    {
        if (_writing is not { } writing || writing.Id != id) return null;
        _writing = null;
        return writing.Pages;
    }

    public IReadOnlyCollection<IActorRef> Fetchers => _idle.Concat(_inFlight.Keys).ToList();
}
