using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Paystack.Actors.State;

/// <summary>
/// Serializes journal events and snapshots as JSON under fixed string manifests, so that renaming or moving a class
/// never breaks an existing journal. A manifest, once written, is never reused for a different shape.
/// </summary>
public sealed class StreamEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Unique among the actor system's serializers (Akka reserves 0-100).</summary>
    public const int SerializerId = 7301;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The manifest each type is written under.</summary>
    private static readonly Dictionary<string, Type> Current = new()
    {
        ["run-started.v1"] = typeof(StreamEvents.RunStarted),
        ["window-split.v1"] = typeof(StreamEvents.WindowSplit),
        ["pages-completed.v2"] = typeof(StreamEvents.PagesCompleted),
        ["window-completed.v1"] = typeof(StreamEvents.WindowCompleted),
        ["window-restarted.v1"] = typeof(StreamEvents.WindowRestarted),
        ["run-completed.v1"] = typeof(StreamEvents.RunCompleted),
        ["progress-realigned.v1"] = typeof(StreamEvents.ProgressRealigned),
        ["progress-imported.v2"] = typeof(StreamEvents.ProgressImported),
        ["progress-handed-over.v1"] = typeof(StreamEvents.ProgressHandedOver),
        ["stream-snapshot.v2"] = typeof(StreamSnapshot),
    };

    /// <summary>
    /// Earlier shapes still read: v1 pages and snapshots (also inside an import) lack the page size (v2 adds it), so an older paystack-sync
    /// refuses a v2 journal instead of resuming its windows at a size they were not read at.
    /// </summary>
    private static readonly Dictionary<string, Type> Earlier = new()
    {
        ["pages-completed.v1"] = typeof(StreamEvents.PagesCompleted),
        ["stream-snapshot.v1"] = typeof(StreamSnapshot),
        ["progress-imported.v1"] = typeof(StreamEvents.ProgressImported),
    };

    private static readonly Dictionary<string, Type> TypesByManifest = Current.Concat(Earlier).ToDictionary();

    private static readonly Dictionary<Type, string> ManifestsByType =
        Current.ToDictionary(pair => pair.Value, pair => pair.Key);

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => ManifestOf(o);

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) => Read(bytes, manifest);

    /// <summary>The fixed manifest of a journal entry.</summary>
    /// <exception cref="ArgumentException">The type has none.</exception>
    public static string ManifestOf(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"No journal manifest is defined for {o.GetType().Name}.");

    /// <summary>A journal entry in its stored JSON form, e.g. to keep beside the rows it describes.</summary>
    public static JsonElement ToJson(object entry) => JsonSerializer.SerializeToElement(entry, entry.GetType(), Json);

    /// <summary>Reads a journal entry back from its JSON and manifest.</summary>
    /// <exception cref="SerializationException">The manifest is unknown or the entry empty.</exception>
    public static object Read(JsonElement json, string manifest) => Read(JsonSerializer.SerializeToUtf8Bytes(json), manifest);

    private static object Read(byte[] bytes, string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json)
              ?? throw new SerializationException($"The journal entry '{manifest}' is empty.")
            : throw new SerializationException(
                $"The journal holds an entry of unknown kind '{manifest}'; it was written by a newer paystack-sync.");
}
