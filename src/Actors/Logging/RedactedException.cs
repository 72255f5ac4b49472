namespace Paystack.Actors.Logging;

/// <summary>
/// Stands in for an exception whose text held a secret. Log formatters render exceptions with ToString(), which here
/// is the original's full text (type, message, inner exceptions, stack) with secrets masked. No inner exception is kept,
/// so nothing that walks the chain can reach the unmasked original.
/// </summary>
public sealed class RedactedException : Exception
{
    private readonly string _text;
    private readonly string? _stackTrace;

    public RedactedException(Exception original, SecretRedactor redactor)
        : base(redactor.Redact(original.Message))
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _text = redactor.Redact(original.ToString());
        _stackTrace = original.StackTrace is { } stack ? redactor.Redact(stack) : null;
        HResult = original.HResult;
    }

    /// <summary>Full name of the exception type that was replaced.</summary>
    public string OriginalType { get; }

    public override string? StackTrace => _stackTrace;

    public override string ToString() => _text;
}
