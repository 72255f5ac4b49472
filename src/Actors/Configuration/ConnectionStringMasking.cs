using System.Text.RegularExpressions;

namespace Paystack.Actors.Configuration;

/// <summary>Hides the password of an ADO.NET connection string (Password=..., Pwd=...) so it can be shown.</summary>
public static partial class ConnectionStringMasking
{
    public const string Mask = "***";

    public static string MaskPassword(string connectionString) =>
        PasswordPart().Replace(connectionString, match => $"{match.Groups["key"].Value}={Mask}");

    // The value runs to the next ';' unless quoted; a quoted value may contain ';'.
    [GeneratedRegex(@"(?<key>\b(password|pwd))\s*=\s*(""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPart();
}
