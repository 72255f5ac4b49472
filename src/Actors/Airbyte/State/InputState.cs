namespace Paystack.Actors.Airbyte.State;

/// <summary>
/// The cursor each stream had when the previous sync stopped, as read from <c>--state</c>.
/// Cursors are kept as the exact text that was saved, e.g. <c>2023-03-16T09:05:02.000Z</c>, so that a state
/// written back unchanged is byte-for-byte the same.
/// </summary>
/// <param name="Cursors">Stream name to its saved cursor text; streams without a cursor are absent.</param>
/// <param name="IgnoredStreams">Streams named in the state that this source does not have.</param>
public sealed record InputState(
    InputStateFormat Format,
    IReadOnlyDictionary<string, string> Cursors,
    IReadOnlyList<string> IgnoredStreams)
{
    public static InputState Empty { get; } = new(InputStateFormat.Empty, new Dictionary<string, string>(), []);

    public string? GetCursor(string stream) => Cursors.GetValueOrDefault(stream);

    /// <summary>The saved cursor as an instant, if the stream has one.</summary>
    public DateTimeOffset? GetCursorTime(string stream) =>
        GetCursor(stream) is { } text ? CursorText.Parse(text) : null;
}
