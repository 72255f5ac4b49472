using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using System.Collections.Immutable;

namespace Paystack.Bench.Startup;

/// <summary>
/// The production SQL journal, timestamping its first calls. Akka stashes requests until the plugin has created its
/// tables, so the first call it serves marks the end of its initialisation.
/// </summary>
public sealed class TimedSqlWriteJournal(Akka.Configuration.Config config) : SqlWriteJournal(config)
{
    public static int Streams { get; set; } = 1;

    protected override void PreStart()
    {
        StartupTrace.Current?.Once("journal: plugin actor started");
        base.PreStart();
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        StartupTrace.Current?.Once("journal: first request served (tables ready)");
        var result = await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
        StartupTrace.Current?.Once("journal: first highest-sequence query done");
        return result;
    }

    public override async Task ReplayMessagesAsync(
        Akka.Actor.IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        StartupTrace.Current?.Once("journal: first replay started");
        await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
        StartupTrace.Current?.Once("journal: first replay done");
        StartupTrace.Current?.OnCount("journal: replay of every stream done", Streams);
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        StartupTrace.Current?.Once("journal: first write started");
        var result = await base.WriteMessagesAsync(messages, cancellationToken);
        StartupTrace.Current?.Once("journal: first write done");
        return result;
    }
}
