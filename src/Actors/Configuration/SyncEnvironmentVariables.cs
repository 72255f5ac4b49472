using System.Text;
using System.Text.RegularExpressions;
using Akka.Configuration;

namespace Paystack.Actors.Configuration;

/// <summary>
/// Maps environment variables onto settings: <c>PAYSTACK_SYNC__</c> + sections and key joined by <c>__</c>, each
/// segment upper-case with <c>_</c> for <c>-</c>. PAYSTACK_SYNC__ENGINE__PAGE_SIZE=50 sets paystack-sync.engine.page-size.
/// </summary>
public static partial class SyncEnvironmentVariables
{
    public const string Prefix = "PAYSTACK_SYNC__";

    /// <summary>The variable that overrides a setting, e.g. paystack-sync.rate-limits.max-in-flight → PAYSTACK_SYNC__RATE_LIMITS__MAX_IN_FLIGHT.</summary>
    public static string VariableFor(string settingPath)
    {
        var relative = settingPath.StartsWith(SyncSettingsLoader.RootPath + ".", StringComparison.Ordinal)
            ? settingPath[(SyncSettingsLoader.RootPath.Length + 1)..]
            : settingPath;
        return Prefix + string.Join("__", relative.Split('.').Select(s => s.Replace('-', '_').ToUpperInvariant()));
    }

    /// <summary>The setting path a variable names, or null when the variable is not one of ours.</summary>
    public static string? SettingFor(string variableName)
    {
        if (!variableName.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var segments = variableName[Prefix.Length..].Split("__");
        return SyncSettingsLoader.RootPath + "." + string.Join('.', segments.Select(s => s.Replace('_', '-').ToLowerInvariant()));
    }

    /// <summary>A HOCON layer holding every PAYSTACK_SYNC__ variable; variables that name no setting are reported.</summary>
    internal static Config ToConfig(IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<string> knownPaths, List<string> problems)
    {
        var hocon = new StringBuilder();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = SettingFor(name);
            if (path is null)
                continue;
            if (!ValidPath().IsMatch(path) || !knownPaths.Contains(path))
            {
                problems.Add($"environment variable {name} names no setting (it maps to {path}; settings are listed in docs/configuration.md)");
                continue;
            }
            hocon.Append(path).Append(" = ").Append(HoconText.Quote(value)).Append('\n');
        }
        return hocon.Length == 0 ? Config.Empty : ConfigurationFactory.ParseString(hocon.ToString());
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidPath();
}
