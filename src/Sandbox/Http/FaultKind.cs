namespace Paystack.Sandbox.Http;

/// <summary>The misbehaviour chosen for one request.</summary>
internal enum FaultKind
{
    None,
    Reset,
    ServerError,
    HtmlError,
    Truncated,
}
