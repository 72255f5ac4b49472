using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>Messages between a StreamActor and its PageFetchers.</summary>
public static class PageFetcherProtocol
{
    public sealed record Fetch(PageTask Task);

    // The outcomes are piped to the fetcher itself before they go to its StreamActor, so one arrives at a stopped fetcher
    // whenever its stream stops mid-request (the request is cancelled): expected, not a dead letter to report. They stay in
    // the process (records, exceptions) and are never serialised.

    public sealed record PageFetched(PageTask Task, PageResult Result) : IDeadLetterSuppression, INoSerializationVerificationNeeded;

    public sealed record PageFailed(PageTask Task, Exception Error) : IDeadLetterSuppression, INoSerializationVerificationNeeded;
}
