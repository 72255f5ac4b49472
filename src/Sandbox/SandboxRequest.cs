namespace Paystack.Sandbox;

/// <summary>One request the sandbox answered (or dropped).</summary>
/// <param name="Timestamp">When the request arrived.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Resource path without the leading slash, e.g. <c>transaction</c>.</param>
/// <param name="QueryString">The raw query string including <c>?</c>, or empty.</param>
/// <param name="StatusCode">Status sent; 0 when the connection was aborted by a reset fault.</param>
/// <param name="Domain"><c>test</c> or <c>live</c> after the key used, or null when the key was missing or unknown.</param>
public sealed record SandboxRequest(
    DateTimeOffset Timestamp, string Method, string Path, string QueryString, int StatusCode, string? Domain);
