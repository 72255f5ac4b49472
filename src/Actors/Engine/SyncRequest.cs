using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Engine;

/// <summary>One sync of an account into a destination, as <c>sync</c>, <c>serve</c> or <c>demo</c> asks for it.</summary>
/// <param name="Streams">Every stream is read in <paramref name="Mode"/> and written in <paramref name="WriteMode"/>.</param>
public sealed record SyncRequest(
    SourceConfig Source,
    DestinationSpec Destination,
    IReadOnlyList<StreamDefinition> Streams,
    SyncMode Mode,
    WriteMode WriteMode)
{
    /// <summary>How long to wait for another run of the account into the destination to end (--wait).</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.Zero;
}
