namespace Paystack.Actors.Paystack;

/// <summary>Checks a base URL before any key is sent to it: HTTPS everywhere, plain HTTP only for this machine.</summary>
internal static class BaseUrlPolicy
{
    /// <summary>Returns the URL with a trailing slash so that relative endpoint paths append to it.</summary>
    /// <exception cref="ArgumentException">The URL is relative, not HTTP(S), or plain HTTP to a host that is not loopback.</exception>
    public static Uri Validate(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The Paystack base URL '{baseUrl}' must be absolute, e.g. https://api.paystack.co/.", nameof(baseUrl));
        }

        if (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"The Paystack base URL '{baseUrl}' must use https.", nameof(baseUrl));
        }

        // Uri.IsLoopback covers localhost, 127.0.0.0/8 and ::1.
        if (baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback)
        {
            throw new ArgumentException(
                $"The Paystack base URL '{baseUrl}' uses plain http; the secret key is only sent over https " +
                "(plain http is allowed for loopback addresses only: localhost, 127.0.0.0/8, ::1).",
                nameof(baseUrl));
        }

        if (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            throw new ArgumentException($"The Paystack base URL '{baseUrl}' must not carry a query or fragment.", nameof(baseUrl));
        }

        return baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }
}
