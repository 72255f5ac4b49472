using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

public sealed record AirbyteStreamStatusReason(
    [property: JsonPropertyName("type")] AirbyteStreamStatusReasonType Type,
    [property: JsonPropertyName("rate_limited")] AirbyteStreamStatusRateLimitedReason? RateLimited = null)
{
    public static AirbyteStreamStatusReason RateLimitedUntil(long? quotaResetEpochMs) =>
        new(AirbyteStreamStatusReasonType.RateLimited, new AirbyteStreamStatusRateLimitedReason(quotaResetEpochMs));
}
