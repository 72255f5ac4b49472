using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Paystack.Actors.Cluster;

/// <summary>
/// The account entities' commands, answers, events and snapshots as JSON under fixed manifests: the same bytes between
/// nodes and in the journal, no CLR type names inside (renaming a type breaks nothing), and no reflection-driven
/// serializer picking up whatever object it is given.
/// </summary>
public sealed class AccountMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7303;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> TypesByManifest = new()
    {
        ["account-wake-up.v1"] = typeof(AccountCommands.WakeUp),
        ["account-start-run.v1"] = typeof(AccountCommands.StartRun),
        ["account-set-paused.v1"] = typeof(AccountCommands.SetPaused),
        ["account-get-status.v1"] = typeof(AccountCommands.GetStatus),
        ["account-stop-runs.v1"] = typeof(AccountCommands.StopRuns),
        ["account-awake.v1"] = typeof(AccountReplies.Awake),
        ["account-run-accepted.v1"] = typeof(AccountReplies.RunAccepted),
        ["account-run-refused.v1"] = typeof(AccountReplies.RunRefused),
        ["account-pause-set.v1"] = typeof(AccountReplies.PauseSet),
        ["account-status.v1"] = typeof(AccountReplies.StatusReport),
        ["account-runs-stopped.v1"] = typeof(AccountReplies.RunsStopped),
        ["account-run-began.v1"] = typeof(AccountEvents.RunBegan),
        ["account-run-finished.v1"] = typeof(AccountEvents.RunFinished),
        ["account-stream-pause-changed.v1"] = typeof(AccountEvents.StreamPauseChanged),
        ["account-snapshot.v1"] = typeof(AccountEntitySnapshot),
    };

    private static readonly Dictionary<Type, string> ManifestsByType = TypesByManifest.ToDictionary(p => p.Value, p => p.Key);

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"No manifest is defined for {o.GetType().Name}.");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json) ?? throw new SerializationException($"The account message '{manifest}' is empty.")
            : throw new SerializationException($"An account message of unknown kind '{manifest}'; it was written by a newer paystack-sync.");
}
