using Paystack.Actors.State;

namespace Paystack.Actors.Sync;

/// <summary>One page of one window: the unit of work a PageFetcher carries out.</summary>
public readonly record struct PageTask(TimeWindow Window, int Page)
{
    public override string ToString() => $"{Window} page {Page}";
}
