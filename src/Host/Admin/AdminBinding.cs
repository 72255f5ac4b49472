using System.Net;

namespace Paystack.Host.Admin;

/// <summary>
/// Where the admin endpoint listens and whether that needs a token: anything reachable from another machine
/// (a non-loopback address, 0.0.0.0, *, a host name) may only be bound with a bearer token.
/// </summary>
internal sealed record AdminBinding(IReadOnlyList<string> Urls, string? Token)
{
    public const string DefaultUrl = "http://127.0.0.1:8737";
    public const string TokenEnvironmentVariable = "PAYSTACK_SYNC_ADMIN_TOKEN";
    public const string UrlsSetting = "paystack-sync.admin.urls";

    /// <summary>Shorter tokens are refused: they can be guessed.</summary>
    public const int MinimumTokenLength = 16;

    /// <exception cref="ArgumentException">A URL is not valid, or a non-loopback URL has no token; the message says what to do.</exception>
    public static AdminBinding Create(IReadOnlyList<string> urls, string? token)
    {
        if (urls.Count == 0)
            throw new ArgumentException($"No admin URL: pass --admin-urls or set {UrlsSetting}.");
        token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        if (token is not null && token.Length < MinimumTokenLength)
            throw new ArgumentException($"The admin token must be at least {MinimumTokenLength} characters long.");

        var exposed = new List<string>();
        foreach (var url in urls)
        {
            var host = Host(url);
            if (!IsLoopback(host)) exposed.Add(url);
        }
        if (exposed.Count > 0 && token is null)
            throw new ArgumentException(
                $"The admin endpoint would listen on {string.Join(", ", exposed)}, which other machines can reach, without a token. " +
                $"Pass --admin-token or set {TokenEnvironmentVariable} (at least {MinimumTokenLength} characters), or bind to 127.0.0.1.");
        return new AdminBinding(urls, token);
    }

    /// <summary>Splits a comma- or semicolon-separated list, as Kestrel's URLS setting is written.</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        (list ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Host(string url)
    {
        // Kestrel accepts wildcards that Uri does not parse: http://*:80, http://+:80.
        var wildcard = url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal)
            .Replace("://+", "://wildcard.invalid", StringComparison.Ordinal);
        if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new ArgumentException($"Admin URL '{url}' is not an absolute http(s) URL like {DefaultUrl}.");
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
            throw new ArgumentException($"Admin URL '{url}' must not have a path; write scheme, host and port only, like {DefaultUrl}.");
        return uri.Host;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
