using System.Data.Common;

namespace Paystack.Actors.Destinations;

/// <summary>Connection strings as they may appear in messages: with the password hidden.</summary>
public static class ConnectionStrings
{
    private const string Mask = "***";

    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password", "Pwd", "PassFile", "SSL Password", "SslPassword",
    };

    /// <summary>
    /// Replaces the value of every password-like key with <c>***</c>. A string that cannot be parsed is not echoed
    /// at all, because its secret could sit anywhere in it.
    /// </summary>
    public static string MaskPassword(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return "";
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }

        foreach (var key in builder.Keys.Cast<string>().ToArray())
        {
            if (SecretKeys.Contains(key))
            {
                builder[key] = Mask;
            }
        }

        return builder.ConnectionString;
    }
}
