using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Airbyte.Check;

/// <summary>
/// What <c>check</c> does: asks Paystack for one customer created since start_date. An accepted key with a well-formed
/// answer succeeds, even with no customers at all; anything else fails with a message saying what to fix.
/// </summary>
public sealed class ConnectionCheck(IPaystackClient client)
{
    public async Task<AirbyteConnectionStatus> RunAsync(SourceConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var request = new PageRequest(StreamCatalog.Get("customers"), Page: 1, PerPage: 1, From: config.StartDate);
        try
        {
            await client.GetPageAsync(request, cancellationToken).ConfigureAwait(false);
            return AirbyteConnectionStatus.Succeeded;
        }
        catch (PaystackApiException e)
        {
            return AirbyteConnectionStatus.Failed(SecretScrubber.Scrub(Describe(e, config), config.SecretKey));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AirbyteConnectionStatus.Failed($"Paystack at {config.EffectiveBaseUrl} did not answer in time.");
        }
        catch (HttpRequestException e)
        {
            return AirbyteConnectionStatus.Failed(SecretScrubber.Scrub(
                $"Could not reach Paystack at {config.EffectiveBaseUrl}: {e.Message}", config.SecretKey));
        }
    }

    private static string Describe(PaystackApiException e, SourceConfig config) => e.Kind switch
    {
        PaystackErrorKind.Unauthorized =>
            $"Paystack rejected the secret key{Status(e)}. Check that secret_key is a current secret key of the account " +
            "(Paystack dashboard, Settings, API Keys & Webhooks) and that it has not been rolled.",
        PaystackErrorKind.Unreachable =>
            $"Could not reach Paystack at {config.EffectiveBaseUrl}: {e.Message}",
        PaystackErrorKind.BadRequest =>
            $"Paystack refused the request{Status(e)}; check start_date ({config.StartDate:yyyy-MM-ddTHH:mm:ssZ}). Paystack said: {e.Message}",
        PaystackErrorKind.NotFound =>
            $"Paystack at {config.EffectiveBaseUrl} has no customer list{Status(e)}; check base_url. {e.Message}",
        PaystackErrorKind.InvalidResponse =>
            $"{config.EffectiveBaseUrl} did not answer with Paystack's JSON; check base_url. {e.Message}",
        PaystackErrorKind.Transient =>
            $"Paystack kept failing{Status(e)} after retries; try again later. {e.Message}",
        _ => e.Message,
    };

    private static string Status(PaystackApiException e) => e.StatusCode is { } code ? $" (HTTP {code})" : "";
}
