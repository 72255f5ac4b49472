using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Writing;
using static Paystack.Actors.Sync.Writing.SinkProtocol;

namespace Paystack.Actors.Tests.Sync.Writing;

/// <summary>
/// The Sink in front of a destination whose every call waits until the spec finishes it, so the spec decides when each
/// operation ends and sees when the next one starts: one at a time for a single-writer destination, streams side by side
/// up to the limit of one that takes several.
/// </summary>
public sealed class SinkSpec : TestKit
{
    private static readonly StreamDefinition Customers = StreamCatalog.Get("customers");
    private static readonly StreamDefinition Plans = StreamCatalog.Get("plans");
    private static readonly StreamDefinition Refunds = StreamCatalog.Get("refunds");
    private static readonly IReadOnlyList<PaystackRecord> Batch1 = Records(1, 2);
    private static readonly IReadOnlyList<PaystackRecord> Batch2 = Records(3);

    private readonly TestProbe _calls;
    private readonly GatedDestination _destination;
    private readonly IActorRef _sink;

    public SinkSpec()
    {
        _calls = CreateTestProbe("destination");
        _destination = new GatedDestination(_calls);
        _sink = Sys.ActorOf(Sink.Props(_destination));
    }

    [Fact]
    public async Task Operations_run_one_at_a_time_in_arrival_order_and_each_answers_its_sender()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        _sink.Tell(new Write(1, Customers, Batch1), first);
        _sink.Tell(new Write(2, Customers, Batch2), second);
        _sink.Tell(new CompleteStream(3, Customers, Cursor: null), TestActor);

        var write1 = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal(("Write", (object?)Batch1), (write1.Method, write1.Argument));
        await _sink.Drained(); // both later operations have arrived ...
        Assert.False(_calls.HasMessages); // ... and neither started while the first runs

        write1.Finish(7L);
        Assert.Equal(new Done(1, 7), await first.ExpectMsgAsync<Done>());
        var write2 = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal(("Write", (object?)Batch2), (write2.Method, write2.Argument));
        await _sink.Drained();
        Assert.False(_calls.HasMessages);

        write2.Finish(8L);
        Assert.Equal(new Done(2, 8), await second.ExpectMsgAsync<Done>());
        var complete = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal("CompleteStream", complete.Method);
        complete.Finish();
        Assert.Equal(new Done(3), await ExpectMsgAsync<Done>());

        Assert.Equal(1, _destination.MostAtOnce);
        Assert.False(first.HasMessages || second.HasMessages); // one answer each, to its own sender
    }

    [Fact]
    public async Task Streams_run_side_by_side_up_to_the_destination_s_limit_each_stream_one_operation_at_a_time()
    {
        var (destination, sink) = SinkOver(concurrentStreams: 2);
        var customers = CreateTestProbe();
        var plans = CreateTestProbe();
        var refunds = CreateTestProbe();
        // Every stream numbers its own operations, so ids repeat across streams.
        sink.Tell(new Write(1, Customers, Batch1), customers);
        sink.Tell(new Write(2, Customers, Batch2), customers);
        sink.Tell(new Write(1, Plans, Batch1), plans);
        sink.Tell(new Write(1, Refunds, Batch2), refunds);

        var customers1 = await _calls.ExpectMsgAsync<Call>();
        var plans1 = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal(("customers", "plans"), (customers1.Stream, plans1.Stream));
        await sink.Drained();
        Assert.False(_calls.HasMessages); // both slots taken: neither customers' second write nor refunds starts

        customers1.Finish(1L);
        Assert.Equal(new Done(1, 1), await customers.ExpectMsgAsync<Done>());
        // The free slot goes to the earliest waiting operation: customers' second write, its stream idle again.
        var customers2 = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal(("customers", (object?)Batch2), (customers2.Stream, customers2.Argument));

        plans1.Finish(7L);
        Assert.Equal(new Done(1, 7), await plans.ExpectMsgAsync<Done>());
        var refunds1 = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal("refunds", refunds1.Stream);

        refunds1.Finish(3L);
        customers2.Finish(2L);
        Assert.Equal(new Done(1, 3), await refunds.ExpectMsgAsync<Done>());
        Assert.Equal(new Done(2, 2), await customers.ExpectMsgAsync<Done>());
        Assert.Equal(2, destination.MostAtOnce);
        Assert.False(customers.HasMessages || plans.HasMessages || refunds.HasMessages);
    }

    [Fact]
    public async Task A_stream_s_next_operation_waits_for_its_last_even_with_slots_free()
    {
        var (destination, sink) = SinkOver(concurrentStreams: 4);
        sink.Tell(new Write(1, Customers, Batch1), TestActor);
        sink.Tell(new CompleteStream(2, Customers, Cursor: null), TestActor);

        var write = await _calls.ExpectMsgAsync<Call>();
        await sink.Drained();
        Assert.False(_calls.HasMessages); // the swap never overtakes its stream's write

        write.Finish(1L);
        Assert.Equal(new Done(1, 1), await ExpectMsgAsync<Done>());
        (await _calls.ExpectMsgAsync<Call>()).Finish();
        Assert.Equal(new Done(2), await ExpectMsgAsync<Done>());
        Assert.Equal(1, destination.MostAtOnce);
    }

    [Fact]
    public async Task Every_operation_is_answered_with_its_id()
    {
        var progress = new DestinationProgress(true, true, true, "acct", Writes: 4, Cursor: null);
        var cursor = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        _sink.Tell(new ReadProgress(10, Customers), TestActor);
        (await _calls.ExpectMsgAsync<Call>()).Finish(progress);
        Assert.Equal(new ProgressRead(10, progress), await ExpectMsgAsync<ProgressRead>());

        _sink.Tell(new BeginStream(11, Customers, WriteMode.Overwrite, "run-1"), TestActor);
        var begin = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal(("BeginStream", (object?)(WriteMode.Overwrite, "run-1")), (begin.Method, begin.Argument));
        begin.Finish();
        Assert.Equal(new Done(11), await ExpectMsgAsync<Done>());

        _sink.Tell(new Write(12, Customers, Batch1), TestActor);
        (await _calls.ExpectMsgAsync<Call>()).Finish(5L);
        Assert.Equal(new Done(12, 5), await ExpectMsgAsync<Done>());

        _sink.Tell(new CompleteStream(13, Customers, cursor), TestActor);
        var complete = await _calls.ExpectMsgAsync<Call>();
        Assert.Equal(("CompleteStream", (object?)cursor), (complete.Method, complete.Argument));
        complete.Finish();
        Assert.Equal(new Done(13), await ExpectMsgAsync<Done>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failing_destination_call_is_answered_Failed_with_the_error_and_the_next_operation_still_runs(bool synchronously)
    {
        var error = new IOException("disk full");
        if (synchronously) _destination.ThrowOnNextCall = error;
        _sink.Tell(new Write(1, Customers, Batch1), TestActor);
        _sink.Tell(new Write(2, Customers, Batch2), TestActor);

        var write1 = await _calls.ExpectMsgAsync<Call>();
        if (!synchronously) write1.Fail(error);
        var failed = await ExpectMsgAsync<Failed>();
        Assert.Equal(1, failed.Id);
        Assert.Same(error, failed.Error);

        var write2 = await _calls.ExpectMsgAsync<Call>();
        Assert.Same(Batch2, write2.Argument);
        write2.Finish(1L);
        Assert.Equal(new Done(2, 1), await ExpectMsgAsync<Done>());
    }

    private (GatedDestination Destination, IActorRef Sink) SinkOver(int concurrentStreams)
    {
        var destination = new GatedDestination(_calls, concurrentStreams);
        return (destination, Sys.ActorOf(Sink.Props(destination)));
    }

    private static IReadOnlyList<PaystackRecord> Records(params int[] ids) =>
        ids.Select(id => new PaystackRecord($"{id}", null, null, $$"""{"id":{{id}}}""")).ToList();

    /// <summary>A destination call in progress: the spec ends it with <see cref="Finish"/> or <see cref="Fail"/>.</summary>
    private sealed record Call(string Method, string Stream, object? Argument)
    {
        public TaskCompletionSource<object?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish(object? result = null) => Outcome.SetResult(result);

        public void Fail(Exception error) => Outcome.SetException(error);
    }

    /// <summary>Tells a probe of every call as it starts, then waits until the spec ends it.</summary>
    private sealed class GatedDestination(IActorRef calls, int concurrentStreams = 1) : IDestination
    {
        private int _running;
        private int _mostAtOnce;

        /// <summary>The most calls that ran at the same time.</summary>
        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int ConcurrentStreams => concurrentStreams;

        /// <summary>Thrown by the next call itself, before it returns a task.</summary>
        public Exception? ThrowOnNextCall { get; set; }

        public Task<DestinationLease> LeaseAsync(string accountId, TimeSpan wait, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the Sink takes no lease");

        public Task<DestinationProgress> ReadProgressAsync(StreamDefinition stream, CancellationToken cancellationToken) =>
            Run<DestinationProgress>(new Call("ReadProgress", stream.Name, stream.Name));

        public Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken) =>
            Run<object?>(new Call("BeginStream", stream.Name, (mode, runId)));

        public Task<long> WriteAsync(StreamDefinition stream, IReadOnlyList<PaystackRecord> records, string? receipt, CancellationToken cancellationToken) =>
            Run<long>(new Call("Write", stream.Name, records));

        public Task CompleteStreamAsync(StreamDefinition stream, DateTimeOffset? cursor, CancellationToken cancellationToken) =>
            Run<object?>(new Call("CompleteStream", stream.Name, cursor));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        /// <summary>Not an async method: <see cref="ThrowOnNextCall"/> escapes the call itself, as a careless destination's would.</summary>
        private Task<T> Run<T>(Call call)
        {
            if (ThrowOnNextCall is { } error)
            {
                ThrowOnNextCall = null;
                calls.Tell(call);
                throw error;
            }
            return Gated<T>(call);
        }

        private async Task<T> Gated<T>(Call call)
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostAtOnce, running);
            calls.Tell(call);
            try
            {
                return (T)(await call.Outcome.Task)!;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }
}
