using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Compares a stream's journal with what its destination proves, before the stream runs. The destination is the
/// source of truth: its record commits with its rows, while the journal is written after them and may be lost, stale
/// or ahead (a restored backup, a dropped table, a deleted journal). Where they disagree the stream carries on from
/// what the destination proves, re-reading rather than ever skipping.
/// </summary>
public static class DestinationCheck
{
    /// <summary>What to do before the stream runs.</summary>
    public abstract record Verdict;

    /// <summary>The journal holds nothing the destination lacks: resume or plan from it.</summary>
    public sealed record Agreed : Verdict
    {
        public static Agreed Instance { get; } = new();
    }

    /// <summary>Carry on from the destination's own record instead (persisted as <see cref="StreamEvents.ProgressRealigned"/>).</summary>
    public sealed record Realign(StreamEvents.ProgressRealigned Event) : Verdict;

    /// <summary>
    /// The destination holds one write more than the journal counts, and that write's receipt names the journal's run:
    /// the stream stopped between the write and its journal entry. Persisting the receipt's events records the pages
    /// as durable instead of fetching and writing them again.
    /// </summary>
    public sealed record CatchUp(IReadOnlyList<IStreamEvent> Events) : Verdict;

    /// <summary>
    /// The table was written before destinations kept a record of their own: take over the stream's progress from the
    /// journal of that time, if there is one.
    /// </summary>
    public sealed record ImportOlderJournal : Verdict
    {
        public static ImportOlderJournal Instance { get; } = new();
    }

    /// <param name="state">The stream's journal.</param>
    /// <param name="journalEmpty">The journal of this stream and destination holds no event at all.</param>
    /// <param name="lastWrite">The events the destination's last write proves, when it was written by the journal's run.</param>
    public static Verdict Decide(
        StreamState state, bool journalEmpty, DestinationProgress destination, string account, string table, WriteMode mode,
        IReadOnlyList<IStreamEvent>? lastWrite = null)
    {
        if (!destination.Verifiable) return Agreed.Instance;

        if (destination.Recorded && destination.Account != account && destination.Writes > 0)
            return RealignTo(null, destination,
                $"table {table} was last written for another account ({destination.Account}), so none of this account's rows can be " +
                "assumed there; the stream is read in full");

        if (!destination.Recorded && state.DestinationWrites > 0)
            return RealignTo(null, destination,
                $"the destination has no record of table {table} although the journal counts {state.DestinationWrites} writes " +
                "(its bookkeeping was dropped or restored from an older copy); the stream is read in full");

        if (destination.Writes < state.DestinationWrites)
            return RealignTo(destination.Cursor, destination,
                $"table {table} holds {destination.Writes} writes where the journal counts {state.DestinationWrites} " +
                $"(restored from an older copy?); the stream is read again from {Describe(destination.Cursor)}");

        if (!destination.TableExists && ClaimsRowsInTarget(state, mode))
            return RealignTo(null, destination, $"table {table} is missing; the stream is read in full");

        if (mode == WriteMode.Overwrite && state.Run is { PagesCompleted: > 0 } run && destination.SwappedRunId != run.RunId
            && (destination.StagedRunId != run.RunId || !destination.StagingExists))
            return RealignTo(state.Cursor, destination,
                $"the staging table of run {run.RunId} of {table} is gone; the run starts again");

        if (journalEmpty && destination.TableExists && !destination.Recorded)
            return ImportOlderJournal.Instance;

        if (lastWrite is not null && state.Run is not null && destination.Account == account
            && destination.Writes == state.DestinationWrites + 1)
            return new CatchUp(lastWrite
                .Select(e => e is StreamEvents.PagesCompleted pages ? pages with { DestinationWrites = destination.Writes } : e)
                .ToList());

        if (journalEmpty && destination is { Recorded: true, Writes: > 0 })
            return RealignTo(destination.Cursor, destination,
                $"the journal has no progress for table {table}, which holds {destination.Writes} writes (a new or deleted journal); " +
                $"the stream carries on from what the destination proves: {Describe(destination.Cursor)}");

        return Agreed.Instance;
    }

    /// <summary>
    /// Whether the journal says rows are in the stream's own table. An unfinished overwrite's rows are in its staging
    /// table (checked on their own), and so is what its cursor has reached mid-run.
    /// </summary>
    private static bool ClaimsRowsInTarget(StreamState state, WriteMode mode) =>
        mode == WriteMode.Overwrite ? state.Run is null && state.Cursor is not null : state.ClaimsProgress;

    private static Realign RealignTo(DateTimeOffset? cursor, DestinationProgress destination, string reason) =>
        new(new StreamEvents.ProgressRealigned(cursor, destination.Writes, reason));

    private static string Describe(DateTimeOffset? cursor) => cursor is { } c ? $"records created from {CursorFormat.Format(c)}" : "the start date";
}
