using System.Text.Json;
using Paystack.Actors.Configuration;

namespace Paystack.Actors.Airbyte.Config;

/// <summary>
/// Keys of the source config that no field reads. They are only warned about, not refused: Airbyte's own configs may
/// carry extra keys, but a typo (<c>lookback_window_day</c>) must not silently fall back to a default.
/// </summary>
internal static class UnknownConfigKeys
{
    private static readonly string[] Known =
        [SourceConfig.SecretKeyField, SourceConfig.StartDateField, SourceConfig.LookbackWindowDaysField, SourceConfig.BaseUrlField,
         SourceConfig.AccountField];

    /// <summary>Every unknown key, each with the known key it was probably meant to be; empty when there is none.</summary>
    public static IReadOnlyList<string> Find(JsonElement root) =>
        root.EnumerateObject()
            .Select(p => p.Name)
            .Where(name => !Known.Contains(name, StringComparer.Ordinal))
            .Select(name => ClosestName.Find(name, Known) is { } meant ? $"{Shown(name)} (did you mean {meant}?)" : Shown(name))
            .ToList();

    /// <summary>The one-line warning for a config that is otherwise valid.</summary>
    public static string Warning(string sourceName, IReadOnlyList<string> unknown) =>
        $"{sourceName} has {Noun(unknown)}, ignored: {string.Join(", ", unknown)}. Known keys: {string.Join(", ", Known)}.";

    /// <summary>The hint added to a refused config: a typed key is most likely why a field is missing.</summary>
    public static string Hint(IReadOnlyList<string> unknown) => $"It has {Noun(unknown)}: {string.Join(", ", unknown)}.";

    private static string Noun(IReadOnlyList<string> unknown) => unknown.Count == 1 ? "an unknown key" : "unknown keys";

    /// <summary>A key name is echoed unless it could be a secret pasted in the wrong place.</summary>
    private static string Shown(string name) =>
        name.Contains("k_live_", StringComparison.OrdinalIgnoreCase) || name.Contains("k_test_", StringComparison.OrdinalIgnoreCase)
            ? "(a key that looks like a secret key, not shown)"
            : name.Length <= 40 ? name : name[..40] + "...";
}
