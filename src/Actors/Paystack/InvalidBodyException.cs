namespace Paystack.Actors.Paystack;

/// <summary>A response body that could not be read as Paystack's JSON.</summary>
/// <param name="Description">What was received, for a person, e.g. "an HTML page instead of JSON".</param>
/// <param name="Retryable">True when another attempt may get a good body (cut off, HTML from a proxy); false for JSON of the wrong shape.</param>
internal sealed class InvalidBodyException(string description, bool retryable, Exception? inner = null)
    : Exception(description, inner)
{
    public string Description { get; } = description;
    public bool Retryable { get; } = retryable;
}
