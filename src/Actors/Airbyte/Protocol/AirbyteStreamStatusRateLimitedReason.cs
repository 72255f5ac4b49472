using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <param name="QuotaReset">Epoch milliseconds when the rate limit window resets.</param>
public sealed record AirbyteStreamStatusRateLimitedReason(
    [property: JsonPropertyName("quota_reset")] long? QuotaReset);
