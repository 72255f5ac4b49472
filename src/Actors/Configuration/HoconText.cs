using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Paystack.Actors.Configuration;

/// <summary>Writes HOCON values: bare when that is unambiguous, otherwise a quoted string with escapes.</summary>
internal static partial class HoconText
{
    public static string Value(string value) => BareValue().IsMatch(value) ? value : Quote(value);

    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BareValue();
}
