using System.Text.Json;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Airbyte.State;

/// <summary>
/// Reads a <c>--state</c> file in any shape Airbyte has used: the current array of STREAM state messages, a GLOBAL
/// message, a LEGACY message, or the old bare dict of stream name to blob. A stream's blob is
/// <c>{"createdAt": "..."}</c> (invoices: <c>created_at</c>), as Airbyte's own Paystack connector writes it.
/// </summary>
public static class InputStateReader
{
    /// <exception cref="AirbyteConfigException">Missing file, bad JSON or a state that cannot be understood.</exception>
    public static InputState Load(string path, IReadOnlyList<StreamDefinition>? available = null) =>
        Parse(InputFile.ReadText(path, "State file"), $"State file '{path}'", available);

    public static InputState Parse(string json, string sourceName = "The state", IReadOnlyList<StreamDefinition>? available = null)
    {
        if (string.IsNullOrWhiteSpace(json))
            return InputState.Empty;
        using var document = InputFile.ParseJson(json, sourceName);
        var collector = new Collector(sourceName, available ?? StreamCatalog.All);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var message in root.EnumerateArray())
                    collector.AddMessage(message, $"[{index++}]");
                break;
            case JsonValueKind.Object when LooksLikeStateMessage(root):
                collector.AddMessage(root, "the message");
                break;
            case JsonValueKind.Object:
                collector.AddLegacyDict(root, "the legacy state");
                break;
            default:
                throw new AirbyteConfigException(
                    $"{sourceName} is not valid: it must be a JSON array of state messages (or a legacy object of stream states), found a {root.ValueKind.ToString().ToLowerInvariant()}.");
        }
        return collector.Build();
    }

    private static bool LooksLikeStateMessage(JsonElement root) =>
        root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && (root.TryGetProperty("stream", out _) || root.TryGetProperty("global", out _) || root.TryGetProperty("data", out _));

    private sealed class Collector(string sourceName, IReadOnlyList<StreamDefinition> available)
    {
        private readonly Dictionary<string, string> _cursors = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _ignored = [];
        private InputStateFormat _format = InputStateFormat.Empty;

        public void AddMessage(JsonElement message, string at)
        {
            if (message.ValueKind != JsonValueKind.Object)
                throw Error($"{at} must be a state message object");
            var type = message.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
                ? typeElement.GetString()
                : null;
            // The protocol says an unset type means LEGACY; some writers leave it out on STREAM messages too.
            type ??= message.TryGetProperty("data", out _) ? "LEGACY" : message.TryGetProperty("stream", out _) ? "STREAM" : null;
            switch (type)
            {
                case "STREAM":
                    Promote(InputStateFormat.PerStream);
                    if (!message.TryGetProperty("stream", out var stream))
                        throw Error($"{at} is a STREAM state without \"stream\"");
                    AddStreamState(stream, $"{at}.stream");
                    break;
                case "GLOBAL":
                    Promote(InputStateFormat.Global);
                    if (!message.TryGetProperty("global", out var global) || global.ValueKind != JsonValueKind.Object
                        || !global.TryGetProperty("stream_states", out var states) || states.ValueKind != JsonValueKind.Array)
                        throw Error($"{at} is a GLOBAL state without \"global.stream_states\"");
                    var i = 0;
                    foreach (var state in states.EnumerateArray())
                        AddStreamState(state, $"{at}.global.stream_states[{i++}]");
                    break;
                case "LEGACY":
                    Promote(InputStateFormat.Legacy);
                    if (!message.TryGetProperty("data", out var data))
                        throw Error($"{at} is a LEGACY state without \"data\"");
                    if (data.ValueKind == JsonValueKind.Null) break;
                    if (data.ValueKind != JsonValueKind.Object)
                        throw Error($"{at}.data must be an object of stream states");
                    AddLegacyDict(data, $"{at}.data");
                    break;
                case null:
                    throw Error($"{at} has no \"type\" (expected STREAM, GLOBAL or LEGACY)");
                default:
                    throw Error($"{at} has type '{type}', which is not one of STREAM, GLOBAL or LEGACY");
            }
        }

        public void AddLegacyDict(JsonElement dict, string at)
        {
            Promote(InputStateFormat.Legacy);
            foreach (var property in dict.EnumerateObject())
                AddBlob(property.Name, property.Value, $"{at}.{property.Name}");
        }

        public InputState Build() => _cursors.Count == 0 && _ignored.Count == 0
            ? InputState.Empty
            : new InputState(_format, _cursors, _ignored);

        private void AddStreamState(JsonElement state, string at)
        {
            if (state.ValueKind != JsonValueKind.Object
                || !state.TryGetProperty("stream_descriptor", out var descriptor) || descriptor.ValueKind != JsonValueKind.Object
                || !descriptor.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                throw Error($"{at} has no stream_descriptor.name");
            var blob = state.TryGetProperty("stream_state", out var value) ? value : default;
            AddBlob(name.GetString()!, blob, $"{at}.stream_state");
        }

        private void AddBlob(string streamName, JsonElement blob, string at)
        {
            if (!_seen.Add(streamName))
                throw Error($"stream '{streamName}' has more than one state");
            var definition = available.FirstOrDefault(d => d.Name == streamName);
            if (definition is null)
            {
                _ignored.Add(streamName);
                return;
            }
            // No blob or a null one is a reset: the stream starts again from start_date.
            if (blob.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                return;
            if (blob.ValueKind != JsonValueKind.Object)
                throw Error($"{at}: the state of stream '{streamName}' must be an object like {{\"{definition.CursorField}\": \"2023-03-16T09:05:02.000Z\"}}");

            if (!TryGetCursorElement(blob, definition.CursorField, out var field, out var cursor)
                || cursor.ValueKind == JsonValueKind.Null)
                return;
            if (cursor.ValueKind != JsonValueKind.String)
                throw Error($"{at}.{field} of stream '{streamName}' must be a date-time string, found {cursor.GetRawText()}");
            var text = cursor.GetString()!;
            if (!CursorText.TryParse(text, out _))
                throw Error($"{at}.{field} of stream '{streamName}' is '{text}', which is not a date-time like 2023-03-16T09:05:02.000Z");
            _cursors[streamName] = text;
        }

        /// <summary>The stream's own cursor field, or the other spelling, which hand-written states sometimes use.</summary>
        private static bool TryGetCursorElement(JsonElement blob, string cursorField, out string field, out JsonElement value)
        {
            field = cursorField;
            if (blob.TryGetProperty(cursorField, out value)) return true;
            field = cursorField == "created_at" ? "createdAt" : cursorField == "createdAt" ? "created_at" : cursorField;
            return field != cursorField && blob.TryGetProperty(field, out value);
        }

        private void Promote(InputStateFormat format)
        {
            if (_format == InputStateFormat.Empty) _format = format;
        }

        private AirbyteConfigException Error(string problem) =>
            new($"{sourceName} is not valid: {problem}.");
    }
}
