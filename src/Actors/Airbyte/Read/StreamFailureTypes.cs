using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Airbyte.Read;

/// <summary>How a failed stream is reported to Airbyte: whose problem it is decides what the platform does next.</summary>
public static class StreamFailureTypes
{
    /// <summary>
    /// A rejected key (401/403) or parameters Paystack refuses are the user's to fix (config_error); an outage that
    /// outlived every retry may pass (transient_error); anything else is a fault of this connector (system_error).
    /// </summary>
    public static FailureType Classify(StreamReports.Failed? failure) => failure?.Cause switch
    {
        PaystackApiException { Kind: PaystackErrorKind.Unauthorized or PaystackErrorKind.BadRequest } => FailureType.ConfigError,
        PaystackApiException { IsTransient: true } => FailureType.TransientError,
        PaystackApiException => FailureType.SystemError,
        _ when failure is { Transient: true } => FailureType.TransientError,
        _ => FailureType.SystemError,
    };
}
