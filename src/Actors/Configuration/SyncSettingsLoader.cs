using Akka.Configuration;

namespace Paystack.Actors.Configuration;

/// <summary>
/// Builds the effective configuration from environment variables, a user HOCON file and the shipped defaults
/// (see <see cref="SyncConfigSources"/>), validates every value and returns the typed settings with the merged Config.
/// Any problem, in any layer, stops here with one <see cref="SyncConfigurationException"/> listing them all.
/// </summary>
public static class SyncSettingsLoader
{
    public const string RootPath = "paystack-sync";

    /// <summary>The process's environment, the shipped defaults and <paramref name="userFile"/> when given.</summary>
    public static LoadedSyncSettings Load(string? userFile = null) => Load(SyncConfigSources.FromProcess(userFile));

    /// <summary>The embedded defaults with <paramref name="hocon"/> on top; no files, no environment. Handy for tools and tests.</summary>
    public static LoadedSyncSettings FromHocon(string hocon) => Load(SyncConfigSources.DefaultsOnly with { UserHocon = hocon });

    /// <summary>The built-in defaults.</summary>
    public static SyncSettings Defaults() => Load(SyncConfigSources.DefaultsOnly).Settings;

    public static LoadedSyncSettings Load(SyncConfigSources sources)
    {
        var problems = new List<string>();
        var known = EmbeddedDefaults.SettingPaths.ToHashSet(StringComparer.Ordinal);

        var merged = EmbeddedDefaults.Config;
        if (sources.ShippedDefaultsFile is { } shipped && File.Exists(shipped))
            merged = Layer(ParseFile(shipped, problems), $"file {shipped}", merged, known, problems);
        if (sources.UserFile is { } userFile)
        {
            if (File.Exists(userFile))
                merged = Layer(ParseFile(userFile, problems), $"file {userFile}", merged, known, problems);
            else
                problems.Add($"configuration file {userFile} does not exist");
        }
        if (sources.UserHocon is { } userHocon)
            merged = Layer(Parse(userHocon, "the given HOCON", problems), "the given HOCON", merged, known, problems);
        merged = SyncEnvironmentVariables.ToConfig(sources.Environment, known, problems).WithFallback(merged);

        var settings = SyncSettingsReader.Read(merged, problems);
        if (problems.Count > 0)
            throw new SyncConfigurationException(problems);
        return new LoadedSyncSettings(settings, merged);
    }

    private static Config Layer(Config? layer, string origin, Config below, HashSet<string> known, List<string> problems)
    {
        if (layer is null)
            return below;
        // Other top-level sections (akka { ... }) pass through to the actor system; typos inside ours must not pass silently.
        foreach (var path in HoconPaths.Leaves(layer))
            if (path.StartsWith(RootPath + ".", StringComparison.Ordinal) && !known.Contains(path))
                problems.Add($"{path} in {origin} is not a setting (settings are listed in docs/configuration.md)");
        return layer.WithFallback(below);
    }

    private static Config? ParseFile(string path, List<string> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add($"configuration file {path} cannot be read: {error.Message}");
            return null;
        }
        return Parse(text, $"file {path}", problems);
    }

    private static Config? Parse(string text, string origin, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Config.Empty;
        if (HoconSyntax.FirstProblem(text) is { } syntax)
        {
            problems.Add($"{origin} is not valid HOCON: {syntax}");
            return null;
        }
        try
        {
            return ConfigurationFactory.ParseString(text);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Some parser messages run over several lines; a problem is one line of the report.
            problems.Add($"{origin} is not valid HOCON: {string.Join(" ", error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            return null;
        }
    }
}
