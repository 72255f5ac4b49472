using Akka.Event;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>The information-level lines a stream logs as its run begins.</summary>
internal static class StreamLog
{
    public static void Persisted(ILoggingAdapter log, StreamDefinition stream, IStreamEvent @event)
    {
        switch (@event)
        {
            case StreamEvents.RunStarted e when stream.SupportsTimeFilter:
                log.Info("Run {RunId} of {Stream}: records created {LowerBound} to {UpperBound}, {Windows} windows",
                    e.RunId, stream.Name, CursorFormat.Format(e.LowerBound), CursorFormat.Format(e.UpperBound), e.Windows.Count);
                break;
            case StreamEvents.RunStarted e:
                log.Info("Run {RunId} of {Stream}: the whole list", e.RunId, stream.Name);
                break;
            case StreamEvents.ProgressImported e:
                log.Info("{Stream}: progress taken over from the journal {From}, written before journals were bound to destinations",
                    stream.Name, e.From);
                break;
        }
    }

    public static void Resuming(ILoggingAdapter log, StreamDefinition stream, RunProgress run) =>
        log.Info("Resuming run {RunId} of {Stream}: {OpenWindows} windows open, {Records} records already durable",
            run.RunId, stream.Name, run.OpenWindows.Count, run.Records);
}
