using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Airbyte.Catalog;

/// <summary>One stream the user chose to sync, and how.</summary>
public sealed record ConfiguredStream(StreamDefinition Definition, SyncMode SyncMode, DestinationSyncMode DestinationSyncMode)
{
    public string Name => Definition.Name;
    public bool IsIncremental => SyncMode == SyncMode.Incremental;
}
