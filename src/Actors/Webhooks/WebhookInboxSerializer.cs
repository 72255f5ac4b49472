using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Paystack.Actors.Webhooks;

/// <summary>The webhook inbox's journal entries as JSON under fixed manifests (as <see cref="State.StreamEventSerializer"/>).</summary>
public sealed class WebhookInboxSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7302;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> TypesByManifest = new()
    {
        ["webhook-accepted.v1"] = typeof(WebhookInboxEvents.Accepted),
        ["webhook-settled.v1"] = typeof(WebhookInboxEvents.Settled),
        ["webhook-inbox-snapshot.v1"] = typeof(WebhookInboxSnapshot),
        ["webhook-reconciled.v1"] = typeof(WebhookInboxEvents.Reconciled),
    };

    private static readonly Dictionary<Type, string> ManifestsByType = TypesByManifest.ToDictionary(p => p.Value, p => p.Key);

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"No journal manifest is defined for {o.GetType().Name}.");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json) ?? throw new SerializationException($"The journal entry '{manifest}' is empty.")
            : throw new SerializationException($"The journal holds a webhook entry of unknown kind '{manifest}'; it was written by a newer paystack-sync.");
}
