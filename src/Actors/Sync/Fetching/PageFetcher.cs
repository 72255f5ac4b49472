using Akka.Actor;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Stream;
using static Paystack.Actors.Sync.Fetching.PageFetcherProtocol;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// Fetches one page at a time: takes a slot from the key's RateLimiter, runs the request asynchronously (every HTTP
/// attempt also takes a permit, through the client's gate) and pipes the outcome back. Never blocks a thread. A page
/// is asked at its task's size, or at the fetcher's own when the task names none.
/// </summary>
public sealed class PageFetcher : ReceiveActor
{
    private readonly IPaystackClient _client;
    private readonly IActorRef _rateLimiter;
    private readonly StreamDefinition _stream;
    private readonly int _perPage;
    private readonly CancellationTokenSource _cancellation = new();
    private IActorRef _replyTo = ActorRefs.Nobody;
    private PageTask _task;
    private bool _holdsSlot;

    public static Props Props(IPaystackClient client, IActorRef rateLimiter, StreamDefinition stream, int perPage) =>
        Akka.Actor.Props.Create(() => new PageFetcher(client, rateLimiter, stream, perPage));

    public PageFetcher(IPaystackClient client, IActorRef rateLimiter, StreamDefinition stream, int perPage)
    {
        _client = client;
        _rateLimiter = rateLimiter;
        _stream = stream;
        _perPage = perPage;
        Idle();
    }

    private void Idle() => Receive<Fetch>(fetch =>
    {
        _task = fetch.Task;
        _replyTo = Sender;
        _rateLimiter.Tell(AcquireSlot.Instance);
        Become(AwaitingSlot);
    });

    private void AwaitingSlot() => Receive<SlotGranted>(_ =>
    {
        _holdsSlot = true;
        var task = _task;
        Task<PageResult> page;
        try
        {
            page = _client.GetPageAsync(PageRequests.For(_stream, task, task.PerPage > 0 ? task.PerPage : _perPage), _cancellation.Token);
        }
        catch (Exception error)
        {
            // Thrown before any task existed (a client that throws instead of faulting its task): the page is still
            // answered, never left waiting on a restarted fetcher.
            page = Task.FromException<PageResult>(error);
        }
        page.PipeTo(
            Self,
            success: result => new PageFetched(task, result),
            failure: error => new PageFailed(task, error));
        Become(Fetching);
    });

    private void Fetching()
    {
        Receive<PageFetched>(Finish);
        Receive<PageFailed>(Finish);
    }

    private void Finish(object outcome)
    {
        ReleaseSlot();
        _replyTo.Tell(outcome);
        Become(Idle);
    }

    private void ReleaseSlot()
    {
        if (!_holdsSlot) return;
        _holdsSlot = false;
        _rateLimiter.Tell(RateLimiterProtocol.ReleaseSlot.Instance);
    }

    protected override void PostStop()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        ReleaseSlot();
        base.PostStop();
    }
}
