using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Host.Running;

/// <summary>One sync of an account into a database, as the command line asked for it.</summary>
internal sealed record SyncRequest(
    SourceConfig Source,
    DestinationSpec Destination,
    IReadOnlyList<StreamDefinition> Streams,
    SyncMode Mode,
    WriteMode WriteMode)
{
    /// <summary>How long to wait for another run of the account into the destination to end (--wait).</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.Zero;
}
