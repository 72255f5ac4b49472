using System.Security.Cryptography;
using System.Text;

namespace Paystack.Actors.Sync;

/// <summary>
/// A stable, non-secret name for the account behind a key: it keys journals and limiters, so the key itself never
/// reaches a state file. Test and live keys of one business are different accounts, as they are in Paystack.
/// </summary>
public static class AccountId
{
    public static string FromSecretKey(string secretKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secretKey));
        var domain = secretKey.Contains("_live_", StringComparison.Ordinal) ? "live" : "test";
        return $"{domain}-{Convert.ToHexStringLower(hash)[..16]}";
    }
}
