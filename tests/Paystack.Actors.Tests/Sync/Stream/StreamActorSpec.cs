using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Stream;
using Paystack.Actors.Sync.Writing;
using static Paystack.Actors.Sync.Fetching.PageFetcherProtocol;

namespace Paystack.Actors.Tests.Sync.Stream;

/// <summary>
/// The StreamActor alone: its fetchers and its Sink are probes the spec answers by hand, and its journal is the
/// persistence TestKit's, whose writes the spec can fail or reject.
/// </summary>
public sealed class StreamActorSpec() : TestKit(
    ConfigurationFactory.ParseString(ActorSpecs.VirtualTime)
        .WithFallback(ConfigurationFactory.FromResource<TestJournal>("Akka.Persistence.TestKit.config.conf"))
        .WithFallback(JournalConfig.Serialization))
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(10);
    private const int Fetchers = 2;
    private static readonly StreamDefinition Customers = StreamCatalog.Get("customers");
    private static readonly DateTimeOffset FixedNow = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _account = "test-" + Guid.NewGuid().ToString("N")[..16];


    /// <summary>A page fetcher that hands every Fetch to the spec's probe, saying which fetcher it is.</summary>
    private sealed class ProbeFetcher : ReceiveActor
    {
        public sealed record Asked(IActorRef Fetcher, PageTask Task);

        public ProbeFetcher(IActorRef probe, Func<bool> crash) =>
            Receive<Fetch>(fetch =>
            {
                if (crash()) throw new InvalidOperationException("the fetcher broke");
                probe.Tell(new Asked(Self, fetch.Task));
            });
    }

    private (IActorRef Stream, TestProbe Fetchers, TestProbe Sink) Start(Func<bool>? crash = null, int pageSize = 10)
    {
        var fetchers = CreateTestProbe();
        var sink = CreateTestProbe();
        var settings = TestSettings.Create(pageSize: pageSize, fetchersPerStream: Fetchers, stallTimeout: StallTimeout).Engine;
        var job = new SyncJob(_account, FixedNow.AddDays(-2), 0, [new StreamSelection(Customers, SyncMode.Incremental, WriteMode.AppendDedup)])
        {
            DestinationId = "spec",
        };
        var props = StreamActor.Props(job, Customers, settings,
            () => Akka.Actor.Props.Create(() => new ProbeFetcher(fetchers.Ref, crash ?? (() => false))), sink.Ref);
        var stream = Sys.ActorOf(props);
        stream.Tell(new StreamCommands.StartRun(job, job.Streams[0], "run-1", FixedNow));
        return (stream, fetchers, sink);
    }

    /// <summary>Answers the preparation and the start of the stream the way a destination with nothing to prove does.</summary>
    private static async Task BeginAsync(TestProbe sink)
    {
        await sink.ExpectMsgAsync<SinkProtocol.ReadProgress>();
        sink.Reply(new SinkProtocol.ProgressRead(0, DestinationProgress.Unverifiable));
        var begin = await sink.ExpectMsgAsync<SinkProtocol.BeginStream>();
        sink.Reply(new SinkProtocol.Done(begin.Id));
    }

    private static PageResult Page(PageTask task, int pageCount, int records = 3)
    {
        var window = task.Window;
        var list = Enumerable.Range(0, records).Select(i =>
        {
            var at = window.From.AddMinutes(task.Page * 10 + i);
            var cursor = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var id = (task.Page * 100 + i).ToString(CultureInfo.InvariantCulture);
            return new PaystackRecord(id, at, cursor, $$"""{"id":{{id}},"createdAt":"{{cursor}}"}""");
        }).ToList();
        return new PageResult(list, new PageMeta(PageCount: pageCount), RateLimitHeaders.None);
    }

    private string PersistenceId => StreamActor.PersistenceIdFor(_account, "spec", "customers");

    /// <summary>The stream's state as a new incarnation would recover it (snapshot and events).</summary>
    private async Task<StreamState> RecoveredAsync() =>
        (await Sys.ActorOf(Akka.Actor.Props.Create(() => new JournalReader(PersistenceId, true))).Ask<JournalReader.Read>("read", TimeSpan.FromSeconds(5))).State;

    /// <summary>The events the journal still holds for the stream, whatever snapshot was saved since.</summary>
    private async Task<int> EventsAsync() =>
        (await Sys.ActorOf(Akka.Actor.Props.Create(() => new JournalReader(PersistenceId, false))).Ask<JournalReader.Read>("read", TimeSpan.FromSeconds(5))).Events;

    private sealed class JournalReader : ReceivePersistentActor
    {
        public sealed record Read(StreamState State, int Events);

        private StreamState _state = StreamState.Empty;
        private int _events;

        public override string PersistenceId { get; }

        public override Recovery Recovery { get; }

        public JournalReader(string persistenceId, bool withSnapshots)
        {
            PersistenceId = persistenceId;
            Recovery = withSnapshots ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None);
            Recover<SnapshotOffer>(offer => _state = StreamState.FromSnapshot((StreamSnapshot)offer.Snapshot));
            Recover<IStreamEvent>(e => (_state, _events) = (_state.Apply(e), _events + 1));
            Command<string>(_ => Sender.Tell(new Read(_state, _events)));
        }
    }

    [Fact]
    public async Task Pages_in_flight_never_exceed_the_fetchers_of_the_stream()
    {
        var (stream, fetchers, sink) = Start();
        await BeginAsync(sink);

        var first = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        stream.Tell(new PageFetched(first.Task, Page(first.Task, pageCount: 8)), first.Fetcher);

        var outstanding = new List<ProbeFetcher.Asked>
        {
            await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>(),
            await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>(),
        };
        await fetchers.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        // Answering one frees one fetcher for exactly one more page.
        stream.Tell(new PageFetched(outstanding[0].Task, Page(outstanding[0].Task, 8)), outstanding[0].Fetcher);
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();
        sink.Reply(new SinkProtocol.Done(write.Id, 1));
        await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        await fetchers.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // as journaled before page sizes were kept
    public async Task A_window_resumes_at_the_size_its_pages_were_served_at_or_is_read_again_when_the_journal_does_not_say(bool sizeJournaled)
    {
        var (stream, fetchers, sink) = Start(pageSize: 10);
        var watcher = CreateTestProbe();
        watcher.Watch(stream);
        await BeginAsync(sink);
        var first = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        Assert.Equal(10, first.Task.PerPage);
        var answered = sizeJournaled ? first.Task : first.Task with { PerPage = 0 };
        stream.Tell(new PageFetched(answered, Page(answered, pageCount: 3)), first.Fetcher);
        await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();
        sink.Reply(new SinkProtocol.Done(write.Id, 1));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await RecoveredAsync()).Run!.PagesCompleted));
        Sys.Stop(stream);
        await watcher.ExpectTerminatedAsync(stream);

        // page-size changed in between: a window keeps the size its pages were served at.
        var (_, again, againSink) = Start(pageSize: 25);
        await BeginAsync(againSink);

        var resumed = await again.ExpectMsgAsync<ProbeFetcher.Asked>();
        if (sizeJournaled)
        {
            var next = await again.ExpectMsgAsync<ProbeFetcher.Asked>();
            Assert.Equal([(2, 10), (3, 10)], new[] { resumed.Task, next.Task }.Select(t => (t.Page, t.PerPage)).Order());
        }
        else
        {
            // Unknown offsets: the window is read again from its first page, at the size asked now.
            Assert.Equal((1, 25), (resumed.Task.Page, resumed.Task.PerPage));
            await again.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
            Assert.Empty((await RecoveredAsync()).Run!.OpenWindows.Single().Value.CompletedPages);
        }
    }

    /// <summary>Holds every journal write until <see cref="Release"/>: the journal of a run whose plan is still being stored.</summary>
    private sealed class HeldWrites : IJournalInterceptor
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Held;

        public void Release() => _released.TrySetResult();

        public async Task InterceptAsync(IPersistentRepresentation message)
        {
            Interlocked.Increment(ref Held);
            await _released.Task;
        }
    }

    [Fact]
    public async Task The_first_page_is_requested_while_the_plan_is_stored_and_written_only_after_it_is_durable()
    {
        var journal = TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));
        var held = new HeldWrites();
        await journal.OnWrite.SetInterceptorAsync(held);
        var (stream, fetchers, sink) = Start();
        await sink.ExpectMsgAsync<SinkProtocol.ReadProgress>();
        sink.Reply(new SinkProtocol.ProgressRead(0, DestinationProgress.Unverifiable));

        // The request goes out while the journal still holds the run's plan back.
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref held.Held) > 0)); // the plan's write is on its way, held
        Assert.Null((await RecoveredAsync()).Run);
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 1)), page.Fetcher);

        // The destination hears of the run only once its plan is durable, and of its records only after that.
        held.Release();
        var begin = await sink.ExpectMsgAsync<SinkProtocol.BeginStream>();
        Assert.Equal("run-1", (await RecoveredAsync()).Run!.RunId);
        sink.Reply(new SinkProtocol.Done(begin.Id));
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();
        Assert.Equal(3, write.Records.Count);
        sink.Reply(new SinkProtocol.Done(write.Id, 3));
        var complete = await sink.ExpectMsgAsync<SinkProtocol.CompleteStream>();
        sink.Reply(new SinkProtocol.Done(complete.Id));
        Assert.Equal(3, (await FishForMessageAsync<StreamReports.Completed>(_ => true)).Stats.Records);
    }

    [Fact]
    public async Task Progress_is_persisted_only_after_the_sink_acknowledged_the_records()
    {
        var (stream, fetchers, sink) = Start();
        await BeginAsync(sink);
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 1)), page.Fetcher);
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();

        Assert.Equal(0, (await RecoveredAsync()).Run!.PagesCompleted);

        sink.Reply(new SinkProtocol.Done(write.Id, 7));
        var complete = await sink.ExpectMsgAsync<SinkProtocol.CompleteStream>();
        var recovered = await RecoveredAsync();
        Assert.Equal((1L, 3L, 7L), (recovered.Run!.PagesCompleted, recovered.Run.Records, recovered.DestinationWrites));

        sink.Reply(new SinkProtocol.Done(complete.Id));
        var completed = await FishForMessageAsync<StreamReports.Completed>(_ => true);
        Assert.Equal(3, completed.Stats.Records);
        // Housekeeping: the completed run's snapshot holds the state, and the events before it are gone.
        Assert.Equal(0, await EventsAsync());
        Assert.True(await RecoveredAsync() is { Run: null, DestinationWrites: 7, Cursor: not null });
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("reject")]
    public async Task A_journal_that_fails_or_refuses_a_write_stops_the_stream_and_a_new_one_resumes_without_loss(string how)
    {
        var journal = TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));
        var (stream, fetchers, sink) = Start();
        Watch(stream);
        await BeginAsync(sink);
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();

        if (how == "fail") await journal.OnWrite.Fail(); else await journal.OnWrite.Reject();
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 1)), page.Fetcher);
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();
        sink.Reply(new SinkProtocol.Done(write.Id, 1));

        var failed = await FishForMessageAsync<StreamReports.Failed>(_ => true);
        Assert.True(failed.Transient);
        await ExpectTerminatedAsync(stream);

        await journal.OnWrite.Pass();
        var (_, againFetchers, againSink) = Start();
        await BeginAsync(againSink);
        // The page whose progress never reached the journal is fetched again: its records are not lost.
        var again = await againFetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        Assert.Equal(page.Task.Window, again.Task.Window);
        Assert.Equal(1, again.Task.Page);
    }

    [Fact]
    public async Task A_write_whose_journal_entry_was_lost_is_recorded_from_its_receipt_and_not_written_again()
    {
        var journal = TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));
        var (stream, fetchers, sink) = Start();
        await BeginAsync(sink);
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        await journal.OnWrite.Fail();
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 1)), page.Fetcher);
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();
        sink.Reply(new SinkProtocol.Done(write.Id, 1));
        await FishForMessageAsync<StreamReports.Failed>(_ => true);
        await journal.OnWrite.Pass();

        // The destination holds the write the journal lost, and its receipt.
        var (_, againFetchers, againSink) = Start();
        await againSink.ExpectMsgAsync<SinkProtocol.ReadProgress>();
        againSink.Reply(new SinkProtocol.ProgressRead(0,
            new DestinationProgress(true, true, true, _account, 1, null, LastReceipt: write.Receipt)));
        var begin = await againSink.ExpectMsgAsync<SinkProtocol.BeginStream>();
        againSink.Reply(new SinkProtocol.Done(begin.Id));

        var complete = await againSink.ExpectMsgAsync<SinkProtocol.CompleteStream>();
        await againFetchers.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        againSink.Reply(new SinkProtocol.Done(complete.Id));
        var completed = await FishForMessageAsync<StreamReports.Completed>(_ => true);
        Assert.Equal(3, completed.Stats.Records);
        Assert.True(await RecoveredAsync() is { Run: null, DestinationWrites: 1, Cursor: not null });
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    /// <summary>The reports the stream has sent the spec so far (it reports to whoever started it).</summary>
    private List<object> Reports()
    {
        var reports = new List<object>();
        while (HasMessages) reports.Add(ReceiveOne(TimeSpan.Zero)!);
        return reports;
    }

    [Fact]
    public async Task A_stream_waiting_for_paystack_longer_than_the_stall_timeout_stops_naming_what_it_waited_for()
    {
        var (stream, fetchers, sink) = Start();
        await BeginAsync(sink);
        await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>(); // never answered
        await stream.Drained(); // the request goes out before the destination is ready: the clock runs from then

        Clock.Advance(StallTimeout - TimeSpan.FromSeconds(1));
        await stream.Drained();
        Assert.DoesNotContain(Reports(), m => m is StreamReports.Failed);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var failed = await FishForMessageAsync<StreamReports.Failed>(_ => true);
        Assert.Contains("made no progress for 10m", failed.Reason);
        Assert.Contains("Paystack (1 pages in flight", failed.Reason);
        Assert.True(failed.Transient);
    }

    [Fact]
    public async Task A_destination_that_never_prepares_the_stream_is_named_though_requests_went_out()
    {
        var (stream, fetchers, sink) = Start();
        await sink.ExpectMsgAsync<SinkProtocol.ReadProgress>();
        sink.Reply(new SinkProtocol.ProgressRead(0, DestinationProgress.Unverifiable));
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 1)), page.Fetcher);
        await sink.ExpectMsgAsync<SinkProtocol.BeginStream>(); // never answered
        await stream.Drained();

        Clock.Advance(StallTimeout);

        var failed = await FishForMessageAsync<StreamReports.Failed>(_ => true);
        Assert.Contains("it waited for the destination to prepare the stream", failed.Reason);
        await sink.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // the page fetched meanwhile is never written
    }

    [Fact]
    public async Task A_destination_that_never_acknowledges_a_write_is_named_and_progress_resets_the_clock()
    {
        var (stream, fetchers, sink) = Start();
        await BeginAsync(sink);
        Clock.Advance(StallTimeout - TimeSpan.FromSeconds(1));
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 1)), page.Fetcher); // progress: the clock starts again
        await sink.ExpectMsgAsync<SinkProtocol.Write>(); // never acknowledged

        Clock.Advance(StallTimeout - TimeSpan.FromSeconds(1));
        await stream.Drained();
        Assert.DoesNotContain(Reports(), m => m is StreamReports.Failed);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var failed = await FishForMessageAsync<StreamReports.Failed>(_ => true);
        Assert.Contains("the destination to acknowledge a write", failed.Reason);
    }

    [Fact]
    public async Task A_paused_stream_waits_without_a_stall()
    {
        var (stream, fetchers, sink) = Start();
        await BeginAsync(sink);
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        stream.Tell(StreamCommands.Pause.Instance);
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 3)), page.Fetcher);
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();
        sink.Reply(new SinkProtocol.Done(write.Id, 1));
        await stream.Drained();

        Clock.Advance(StallTimeout * 3);
        await stream.Drained();

        var reports = Reports();
        Assert.Contains(reports, m => m is StreamReports.Progress { Paused: true });
        Assert.DoesNotContain(reports, m => m is StreamReports.Failed);
        stream.Tell(StreamCommands.Resume.Instance);
        await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
    }

    [Fact]
    public async Task A_fetcher_that_throws_gives_its_page_back_and_the_run_still_completes()
    {
        var crashes = 1;
        var (stream, fetchers, sink) = Start(crash: () => Interlocked.Decrement(ref crashes) >= 0);
        await BeginAsync(sink);

        // The first Fetch broke its fetcher; a new fetcher is asked for the same page.
        var page = await fetchers.ExpectMsgAsync<ProbeFetcher.Asked>();
        Assert.Equal(1, page.Task.Page);
        stream.Tell(new PageFetched(page.Task, Page(page.Task, pageCount: 1)), page.Fetcher);
        var write = await sink.ExpectMsgAsync<SinkProtocol.Write>();
        sink.Reply(new SinkProtocol.Done(write.Id, 1));
        var complete = await sink.ExpectMsgAsync<SinkProtocol.CompleteStream>();
        sink.Reply(new SinkProtocol.Done(complete.Id));

        await FishForMessageAsync<StreamReports.Completed>(_ => true);
    }
}
