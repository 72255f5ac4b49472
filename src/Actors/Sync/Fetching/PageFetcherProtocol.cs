using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>Messages between a StreamActor and its PageFetchers.</summary>
public static class PageFetcherProtocol
{
    public sealed record Fetch(PageTask Task);

    public sealed record PageFetched(PageTask Task, PageResult Result);

    public sealed record PageFailed(PageTask Task, Exception Error);
}
