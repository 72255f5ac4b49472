using Paystack.Actors.Paystack;

namespace Paystack.Actors.Airbyte;

/// <summary>One stream the user chose to sync, and how.</summary>
public sealed record ConfiguredStream(StreamDefinition Definition, SyncMode SyncMode, DestinationSyncMode DestinationSyncMode)
{
    public string Name => Definition.Name;
    public bool IsIncremental => SyncMode == SyncMode.Incremental;
}
