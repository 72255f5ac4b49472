using Akka.Persistence;
using Akka.Persistence.Journal;

namespace Paystack.Bench.Startup;

/// <summary>The in-memory journal (<c>--journal inmem</c>), timestamping its first calls like <see cref="TimedSqlWriteJournal"/>.</summary>
public sealed class TimedMemoryJournal : MemoryJournal
{
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        StartupTrace.Current?.Once("journal: first request served (tables ready)");
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }

    public override async Task ReplayMessagesAsync(
        Akka.Actor.IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
        StartupTrace.Current?.Once("journal: first replay done");
        StartupTrace.Current?.OnCount("journal: replay of every stream done", TimedSqlWriteJournal.Streams);
    }
}
