using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Fetching;
using Paystack.Actors.Sync.Stream;
using static Paystack.Actors.Sync.Fetching.PageFetcherProtocol;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

/// <summary>A PageFetcher with a scripted client, and a probe or the real RateLimiter handing out its slots.</summary>
public sealed class PageFetcherSpec : TestKit
{
    private const int PerPage = 50;
    private static readonly StreamDefinition Refunds = StreamCatalog.Get("refunds");
    private static readonly TimeWindow Window = new(
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly PageTask Task2 = new(Window, 2);
    private static readonly PageTask Task3 = new(Window, 3);

    private static readonly PageResult Page = new(
        [new PaystackRecord("1", Window.From, "2024-01-01T00:00:00.000Z", """{"id":1}""")],
        new PageMeta(Total: 51, Page: 2, PageCount: 2),
        RateLimitHeaders.None);

    private readonly TestProbe _gate;

    public PageFetcherSpec() => _gate = CreateTestProbe("rate-limiter");

    [Fact]
    public async Task A_fetch_takes_a_slot_and_is_answered_with_the_page_then_gives_the_slot_back()
    {
        var client = new ScriptedClient((_, _) => Task.FromResult(Page));
        var fetcher = Fetcher(client, _gate);

        fetcher.Tell(new Fetch(Task2), TestActor);
        await _gate.ExpectMsgAsync<AcquireSlot>();
        await fetcher.Drained();
        Assert.Empty(client.Requests); // nothing goes out before the slot is granted

        _gate.Reply(SlotGranted.Instance);
        var fetched = await ExpectMsgAsync<PageFetched>();
        Assert.Equal(Task2, fetched.Task);
        Assert.Same(Page, fetched.Result);
        Assert.Equal(new PageRequest(Refunds, 2, PerPage, Window.From.AddSeconds(-1), Window.To.AddSeconds(1)), Assert.Single(client.Requests));
        await _gate.ExpectMsgAsync<ReleaseSlot>();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_client_that_throws_is_answered_with_PageFailed_and_the_fetcher_goes_on(bool synchronously)
    {
        var error = new InvalidOperationException("the client broke");
        var calls = 0;
        var client = new ScriptedClient((_, _) => Interlocked.Increment(ref calls) switch
        {
            1 when synchronously => throw error,
            1 => Task.FromException<PageResult>(error),
            _ => Task.FromResult(Page),
        });
        var fetcher = Fetcher(client, _gate);

        fetcher.Tell(new Fetch(Task2), TestActor);
        await _gate.ExpectMsgAsync<AcquireSlot>();
        _gate.Reply(SlotGranted.Instance);
        var failed = await ExpectMsgAsync<PageFailed>();
        Assert.Equal(Task2, failed.Task);
        Assert.Same(error, failed.Error);
        await _gate.ExpectMsgAsync<ReleaseSlot>();

        fetcher.Tell(new Fetch(Task3), TestActor);
        await _gate.ExpectMsgAsync<AcquireSlot>();
        _gate.Reply(SlotGranted.Instance);
        Assert.Equal(Task3, (await ExpectMsgAsync<PageFetched>()).Task);
    }

    [Theory]
    [InlineData(PaystackErrorKind.Unauthorized, 401)]
    [InlineData(PaystackErrorKind.NotFound, 404)]
    public async Task A_page_refused_for_good_is_PageFailed_with_the_client_s_error_and_the_limiter_gets_its_slot_back(
        PaystackErrorKind kind, int status)
    {
        var refused = new PaystackApiException(kind, "refused", status);
        var client = new ScriptedClient(async (_, ct) =>
        {
            await Task.Yield();
            throw refused;
        });
        var limiter = Sys.ActorOf(RateLimiter.Props(100, new RateLimitSettings(100, 100, TimeSpan.FromSeconds(1), MaxInFlight: 1)));
        var fetcher = Fetcher(client, limiter);

        fetcher.Tell(new Fetch(Task2), TestActor);

        var failed = await ExpectMsgAsync<PageFailed>();
        Assert.Equal(Task2, failed.Task);
        var error = Assert.IsType<PaystackApiException>(failed.Error);
        Assert.Same(refused, error);
        Assert.False(error.IsTransient);
        // The slot went back before the answer left, so the limiter has it by now.
        Assert.Equal(0, (await limiter.Ask<LimiterStatus>(GetStatus.Instance, RemainingOrDefault)).SlotsInUse);
    }

    [Fact]
    public async Task A_fetcher_stopped_mid_request_cancels_it_and_gives_its_slot_back()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new ScriptedClient((_, ct) =>
        {
            ct.Register(() => cancelled.TrySetResult());
            return new TaskCompletionSource<PageResult>().Task; // never answers by itself
        });
        var fetcher = Fetcher(client, _gate);
        Watch(fetcher);

        fetcher.Tell(new Fetch(Task2), TestActor);
        await _gate.ExpectMsgAsync<AcquireSlot>();
        _gate.Reply(SlotGranted.Instance);
        await fetcher.Drained();
        Assert.Single(client.Requests);

        Sys.Stop(fetcher);
        await ExpectTerminatedAsync(fetcher);
        await _gate.ExpectMsgAsync<ReleaseSlot>();
        await cancelled.Task.WaitAsync(RemainingOrDefault);
    }

    private IActorRef Fetcher(IPaystackClient client, IActorRef rateLimiter) =>
        Sys.ActorOf(PageFetcher.Props(client, rateLimiter, Refunds, PerPage));

    private sealed class ScriptedClient(Func<PageRequest, CancellationToken, Task<PageResult>> answer) : IPaystackClient
    {
        private readonly ConcurrentQueue<PageRequest> _requests = new();

        public IReadOnlyCollection<PageRequest> Requests => _requests;

        public Task<PageResult> GetPageAsync(PageRequest request, CancellationToken cancellationToken)
        {
            _requests.Enqueue(request);
            return answer(request, cancellationToken);
        }
    }
}
