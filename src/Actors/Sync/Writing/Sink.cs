using Akka.Actor;
using Paystack.Actors.Destinations;
using static Paystack.Actors.Sync.Writing.SinkProtocol;

namespace Paystack.Actors.Sync.Writing;

/// <summary>
/// Serialises every write of a job to its destination, one operation at a time in arrival order, and acknowledges each
/// once it is durable. One writer suits SQLite (a single writer per file) and keeps an overwrite's swap after its writes.
/// </summary>
public sealed class Sink : ReceiveActor
{
    private readonly IDestination _destination;
    private readonly Queue<(Operation Operation, IActorRef ReplyTo)> _queue = new();
    private readonly CancellationTokenSource _cancellation = new();
    private IActorRef? _currentReplyTo;

    public static Props Props(IDestination destination) => Akka.Actor.Props.Create(() => new Sink(destination));

    public Sink(IDestination destination)
    {
        _destination = destination;
        Receive<Operation>(operation => { _queue.Enqueue((operation, Sender)); RunNext(); });
        Receive<Done>(done => Reply(done));
        Receive<ProgressRead>(read => Reply(read));
        Receive<Failed>(failed => Reply(failed));
    }

    private void RunNext()
    {
        if (_currentReplyTo is not null || _queue.Count == 0) return;
        var (operation, replyTo) = _queue.Dequeue();
        _currentReplyTo = replyTo;
        Execute(operation).PipeTo(Self, failure: error => new Failed(operation.Id, error));
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

    private void Reply(object outcome)
    {
        _currentReplyTo?.Tell(outcome);
        _currentReplyTo = null;
        RunNext();
    }

    protected override void PostStop()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        base.PostStop();
    }
}
