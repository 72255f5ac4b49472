using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Paystack.Sandbox.Http;

/// <summary>The outcome of reading the Authorization header: a known key and its domain, or Paystack's 401 message.</summary>
internal readonly record struct KeyCheck(string? Key, string? Domain, string? Error)
{
    public bool Ok => Error is null;

    public static KeyCheck Read(HttpRequest request, SandboxOptions options)
    {
        if (!request.Headers.TryGetValue("Authorization", out StringValues values) || StringValues.IsNullOrEmpty(values))
            return new(null, null, "No Authorization Header was found");
        var header = values.ToString().Trim();
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return new(null, null, "Format is Authorization Bearer [secret key]");
        var key = parts[1];
        if (key == options.TestKey) return new(key, "test", null);
        if (key == options.LiveKey) return new(key, "live", null);
        return new(null, null, "Invalid key");
    }
}
