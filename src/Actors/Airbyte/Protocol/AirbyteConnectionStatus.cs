using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>The answer to <c>check</c>; <see cref="Message"/> says why it failed.</summary>
public sealed record AirbyteConnectionStatus(
    [property: JsonPropertyName("status")] ConnectionStatus Status,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public static AirbyteConnectionStatus Succeeded { get; } = new(ConnectionStatus.Succeeded);

    public static AirbyteConnectionStatus Failed(string message) => new(ConnectionStatus.Failed, message);
}
