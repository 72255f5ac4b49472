using System.Collections.Concurrent;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Tables;

/// <summary>The streams a destination has begun and not yet completed, keyed by stream name.</summary>
internal sealed class ActiveStreams
{
    private readonly ConcurrentDictionary<string, ActiveStream> _streams = new(StringComparer.Ordinal);

    public void Set(StreamDefinition stream, ActiveStream active) => _streams[stream.Name] = active;

    public void Remove(StreamDefinition stream) => _streams.TryRemove(stream.Name, out _);

    /// <exception cref="InvalidOperationException">BeginStreamAsync was not called for the stream.</exception>
    public ActiveStream Get(StreamDefinition stream) =>
        _streams.TryGetValue(stream.Name, out var active)
            ? active
            : throw new InvalidOperationException(
                $"Stream '{stream.Name}' has not been begun: call BeginStreamAsync before writing or completing it.");
}
