using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Paystack.Sandbox.Http;

/// <summary>The outcome of reading the Authorization header: the account of a known key, or Paystack's 401 message.</summary>
internal readonly record struct KeyCheck(SandboxAccount? Account, string? Error)
{
    public bool Ok => Error is null;

    public static KeyCheck Read(HttpRequest request, IReadOnlyDictionary<string, SandboxAccount> accounts)
    {
        if (!request.Headers.TryGetValue("Authorization", out StringValues values) || StringValues.IsNullOrEmpty(values))
            return new(null, "No Authorization Header was found");
        var header = values.ToString().Trim();
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return new(null, "Format is Authorization Bearer [secret key]");
        return accounts.TryGetValue(parts[1], out var account) ? new(account, null) : new(null, "Invalid key");
    }
}
