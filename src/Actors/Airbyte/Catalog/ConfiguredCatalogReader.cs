using System.Text.Json;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Airbyte.Catalog;

/// <summary>
/// Reads a ConfiguredAirbyteCatalog. Only stream name, sync_mode and destination_sync_mode matter to this source:
/// its cursor and primary key are source-defined, so configured cursor_field and primary_key are ignored.
/// </summary>
public static class ConfiguredCatalogReader
{
    /// <exception cref="AirbyteConfigException">Missing file, bad JSON, unknown streams or modes the stream cannot do.</exception>
    public static ConfiguredCatalog Load(string path, IReadOnlyList<StreamDefinition>? available = null)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new AirbyteConfigException("No configured catalog was given: pass --catalog <path to configured_catalog.json>.");
        return Parse(InputFile.ReadText(path, "Catalog file"), $"Catalog file '{path}'", available);
    }

    public static ConfiguredCatalog Parse(string json, string sourceName = "The configured catalog", IReadOnlyList<StreamDefinition>? available = null)
    {
        available ??= StreamCatalog.All;
        using var document = InputFile.ParseJson(json, sourceName);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array)
            throw new AirbyteConfigException($"{sourceName} must be a JSON object with a \"streams\" array.");

        var problems = new List<string>();
        var result = new List<ConfiguredStream>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in streams.EnumerateArray())
        {
            var at = $"streams[{index++}]";
            var configured = ReadEntry(entry, at, available, problems);
            if (configured is null) continue;
            if (!seen.Add(configured.Name))
            {
                problems.Add($"{at}: stream '{configured.Name}' is listed more than once");
                continue;
            }
            result.Add(configured);
        }

        if (problems.Count > 0)
            throw new AirbyteConfigException($"{sourceName} is not valid: {string.Join("; ", problems)}.");
        return new ConfiguredCatalog(result);
    }

    private static ConfiguredStream? ReadEntry(JsonElement entry, string at, IReadOnlyList<StreamDefinition> available, List<string> problems)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at} must be an object");
            return null;
        }
        if (!entry.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.Object
            || !stream.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{at} has no stream.name");
            return null;
        }
        var name = nameElement.GetString()!;
        var definition = available.FirstOrDefault(d => d.Name == name);
        if (definition is null)
        {
            problems.Add($"{at}: unknown stream '{name}' (this source has: {string.Join(", ", available.Select(d => d.Name))})");
            return null;
        }

        var syncMode = ReadEnum<SyncMode>(entry, "sync_mode", $"{at} ({name})", "full_refresh, incremental", problems);
        var destinationMode = ReadEnum<DestinationSyncMode>(entry, "destination_sync_mode", $"{at} ({name})",
            "append, overwrite, append_dedup, update, soft_delete", problems);
        if (syncMode is null || destinationMode is null)
            return null;
        if (syncMode == SyncMode.Incremental && !definition.SupportsIncremental)
        {
            problems.Add($"{at}: stream '{name}' supports only full_refresh, but incremental was requested");
            return null;
        }
        return new ConfiguredStream(definition, syncMode.Value, destinationMode.Value);
    }

    private static T? ReadEnum<T>(JsonElement entry, string field, string at, string allowed, List<string> problems) where T : struct, Enum
    {
        if (!entry.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{at} has no {field} (one of {allowed})");
            return null;
        }
        try
        {
            return value.Deserialize<T>(AirbyteJson.Options);
        }
        catch (JsonException)
        {
            problems.Add($"{at}: {field} '{value.GetString()}' is not one of {allowed}");
            return null;
        }
    }
}
