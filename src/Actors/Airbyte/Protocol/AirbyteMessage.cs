using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>
/// One line of a connector's output: a <see cref="Type"/> and the one payload it names.
/// Use the factory methods; they keep type and payload in step.
/// </summary>
public sealed record AirbyteMessage
{
    [JsonPropertyName("type")] public required AirbyteMessageType Type { get; init; }
    [JsonPropertyName("record")] public AirbyteRecordMessage? Record { get; init; }
    [JsonPropertyName("state")] public AirbyteStateMessage? State { get; init; }
    [JsonPropertyName("log")] public AirbyteLogMessage? Log { get; init; }
    [JsonPropertyName("spec")] public ConnectorSpecification? Spec { get; init; }
    [JsonPropertyName("connectionStatus")] public AirbyteConnectionStatus? ConnectionStatus { get; init; }
    [JsonPropertyName("catalog")] public AirbyteCatalog? Catalog { get; init; }
    [JsonPropertyName("trace")] public AirbyteTraceMessage? Trace { get; init; }

    public static AirbyteMessage ForRecord(string stream, string dataJson, DateTimeOffset emittedAt) =>
        new() { Type = AirbyteMessageType.Record, Record = new AirbyteRecordMessage(stream, dataJson, emittedAt.ToUnixTimeMilliseconds()) };

    public static AirbyteMessage ForState(AirbyteStateMessage state) =>
        new() { Type = AirbyteMessageType.State, State = state };

    public static AirbyteMessage ForLog(AirbyteLogLevel level, string message, string? stackTrace = null) =>
        new() { Type = AirbyteMessageType.Log, Log = new AirbyteLogMessage(level, message, stackTrace) };

    public static AirbyteMessage ForSpec(ConnectorSpecification spec) =>
        new() { Type = AirbyteMessageType.Spec, Spec = spec };

    public static AirbyteMessage ForConnectionStatus(AirbyteConnectionStatus status) =>
        new() { Type = AirbyteMessageType.ConnectionStatus, ConnectionStatus = status };

    public static AirbyteMessage ForCatalog(AirbyteCatalog catalog) =>
        new() { Type = AirbyteMessageType.Catalog, Catalog = catalog };

    public static AirbyteMessage ForError(
        string message, FailureType failureType, DateTimeOffset emittedAt,
        string? internalMessage = null, string? stackTrace = null, string? stream = null) =>
        ForTrace(new AirbyteTraceMessage(
            AirbyteTraceType.Error,
            emittedAt.ToUnixTimeMilliseconds(),
            Error: new AirbyteErrorTraceMessage(
                message, failureType, internalMessage, stackTrace,
                stream is null ? null : new StreamDescriptor(stream))));

    public static AirbyteMessage ForStreamStatus(
        string stream, AirbyteStreamStatus status, DateTimeOffset emittedAt,
        IReadOnlyList<AirbyteStreamStatusReason>? reasons = null) =>
        ForTrace(new AirbyteTraceMessage(
            AirbyteTraceType.StreamStatus,
            emittedAt.ToUnixTimeMilliseconds(),
            StreamStatus: new AirbyteStreamStatusTraceMessage(new StreamDescriptor(stream), status, reasons)));

    public static AirbyteMessage ForEstimate(
        string stream, DateTimeOffset emittedAt, long? rowEstimate, long? byteEstimate = null) =>
        ForTrace(new AirbyteTraceMessage(
            AirbyteTraceType.Estimate,
            emittedAt.ToUnixTimeMilliseconds(),
            Estimate: new AirbyteEstimateTraceMessage(stream, AirbyteEstimateType.Stream, rowEstimate, byteEstimate)));

    public static AirbyteMessage ForTrace(AirbyteTraceMessage trace) =>
        new() { Type = AirbyteMessageType.Trace, Trace = trace };
}
