using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync;

/// <summary>One stream of a job and how to read and write it.</summary>
/// <param name="InitialCursor">A cursor handed in from outside (an Airbyte state file); the journal's own cursor wins when it has one.</param>
public sealed record StreamSelection(
    StreamDefinition Stream,
    SyncMode Mode,
    WriteMode WriteMode,
    string? InitialCursor = null)
{
    /// <summary>The stream starts paused: it dispatches no pages until its supervisor is told to resume it.</summary>
    public bool Paused { get; init; }
}
