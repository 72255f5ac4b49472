using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Destinations;
using static Paystack.Actors.Sync.Writing.SinkProtocol;

namespace Paystack.Actors.Sync.Writing;

/// <summary>
/// The one actor of a job that talks to its destination. A stream's operations run one at a time in arrival order
/// (so an overwrite's swap comes after its writes), and each is acknowledged once it is durable. Operations of different
/// streams run side by side up to the destination's <see cref="IDestination.ConcurrentStreams"/>: two for SQLite (one
/// batch typed while another is written by the file's single writer), the connection pool's size for PostgreSQL, where
/// a batch typed and sent by the engine overlaps the server's insert of another stream's batch and the server's work
/// spreads over several of its processes.
/// </summary>
public sealed class Sink : ReceiveActor
{
    private readonly IDestination _destination;
    private readonly int _concurrency;
    private readonly List<Ticketed> _waiting = [];
    private readonly Dictionary<long, Ticketed> _running = [];
    private readonly HashSet<string> _busyStreams = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _cancellation = new();
    private long _ticket;

    public static Props Props(IDestination destination) => Akka.Actor.Props.Create(() => new Sink(destination));

    public Sink(IDestination destination)
    {
        _destination = destination;
        _concurrency = Math.Max(1, destination.ConcurrentStreams);
        Receive<Operation>(operation => { _waiting.Add(new Ticketed(++_ticket, operation, Sender)); RunNext(); });
        Receive<Ended>(ended =>
        {
            if (!_running.Remove(ended.Ticket, out var finished)) return;
            _busyStreams.Remove(finished.Operation.Stream.Name);
            finished.ReplyTo.Tell(ended.Answer);
            RunNext();
        });
    }

    /// <summary>Starts, in arrival order, every waiting operation whose stream is idle while a slot is free.</summary>
    private void RunNext()
    {
        for (var i = 0; i < _waiting.Count && _running.Count < _concurrency;)
        {
            var next = _waiting[i];
            if (!_busyStreams.Add(next.Operation.Stream.Name))
            {
                i++;
                continue;
            }

            _waiting.RemoveAt(i);
            _running.Add(next.Ticket, next);
            var operation = next.Operation;
            Execute(operation).PipeTo(Self,
                success: answer => new Ended(next.Ticket, answer),
                failure: error => new Ended(next.Ticket, new Failed(operation.Id, error)));
        }
    }

    private async Task<object> Execute(Operation operation)
    {
        var ct = _cancellation.Token;
        switch (operation)
        {
            case ReadProgress read:
                return new ProgressRead(read.Id, await _destination.ReadProgressAsync(read.Stream, ct));
            case BeginStream begin:
                await _destination.BeginStreamAsync(begin.Stream, begin.Mode, begin.RunId, ct);
                return new Done(begin.Id);
            case Write write:
                return new Done(write.Id, await _destination.WriteAsync(write.Stream, write.Records, write.Receipt, ct));
            case CompleteStream complete:
                await _destination.CompleteStreamAsync(complete.Stream, complete.Cursor, ct);
                return new Done(complete.Id);
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name, "Unknown sink operation");
        }
    }

    protected override void PostStop()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        base.PostStop();
    }

    /// <summary>An operation with its sender and the Sink's own number for it (operation ids repeat across streams).</summary>
    private sealed record Ticketed(long Ticket, Operation Operation, IActorRef ReplyTo);

    /// <summary>
    /// An operation's answer, piped to the Sink before it goes to the operation's sender; one arrives at a stopped Sink
    /// whenever the job ends mid-operation: expected, not a dead letter to report. Carries a failure's exception as it
    /// is: it stays in the process and is never serialised.
    /// </summary>
    private sealed record Ended(long Ticket, object Answer) : IDeadLetterSuppression, INoSerializationVerificationNeeded;
}
