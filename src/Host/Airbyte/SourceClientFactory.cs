using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Paystack;

namespace Paystack.Host.Airbyte;

/// <summary>Builds the Paystack client the Airbyte verbs use from the source config.</summary>
internal static class SourceClientFactory
{
    /// <summary>
    /// For <c>check</c>: a person (or the Airbyte UI) is waiting for the answer, so a dead host or a failing API is
    /// reported within seconds instead of after the full retry schedule a sync uses.
    /// </summary>
    public static PaystackClient ForCheck(SourceConfig config) =>
        new(PaystackClientOptions.Default(config.SecretKey, config.EffectiveBaseUrl) with
        {
            RequestTimeout = TimeSpan.FromSeconds(20),
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(250),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
        });
}
