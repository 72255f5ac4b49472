namespace Paystack.Actors.Airbyte.State;

/// <summary>Which shape a <c>--state</c> file had.</summary>
public enum InputStateFormat
{
    /// <summary>No file, an empty file, <c>[]</c>, <c>{}</c> or <c>null</c>.</summary>
    Empty,
    /// <summary>An array of per-stream (<c>STREAM</c>) state messages, the current format.</summary>
    PerStream,
    /// <summary>The old dict of stream name to state blob, bare or inside a <c>LEGACY</c> message's <c>data</c>.</summary>
    Legacy,
    /// <summary>A <c>GLOBAL</c> state message; its per-stream states are used, its shared state is ignored.</summary>
    Global,
}
