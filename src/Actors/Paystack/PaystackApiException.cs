namespace Paystack.Actors.Paystack;

/// <summary>A request to Paystack that failed for good. The message is meant for a person and never contains the key.</summary>
public sealed class PaystackApiException(PaystackErrorKind kind, string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public PaystackErrorKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;

    /// <summary>Whether a later attempt (next run, supervisor retry) could succeed.</summary>
    public bool IsTransient => Kind is PaystackErrorKind.Transient or PaystackErrorKind.Unreachable or PaystackErrorKind.InvalidResponse;
}
