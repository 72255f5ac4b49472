namespace Paystack.Actors.Configuration;

/// <summary>
/// Where the effective configuration comes from, highest precedence first: <paramref name="Environment"/>
/// (PAYSTACK_SYNC__SECTION__KEY variables), <paramref name="UserHocon"/> text, <paramref name="UserFile"/>,
/// <paramref name="ShippedDefaultsFile"/> (hocon/paystack-sync.conf beside the executable), then the copy embedded in this library.
/// </summary>
public sealed record SyncConfigSources(
    string? UserFile,
    IReadOnlyDictionary<string, string> Environment,
    string? ShippedDefaultsFile,
    string? UserHocon = null)
{
    /// <summary>hocon/paystack-sync.conf in the application's folder, where the executable's build copies it.</summary>
    public static string ShippedDefaultsPath => Path.Combine(AppContext.BaseDirectory, "hocon", "paystack-sync.conf");

    /// <summary>Only the embedded defaults: no file, no environment.</summary>
    public static SyncConfigSources DefaultsOnly { get; } = new(null, new Dictionary<string, string>(), null);

    /// <summary>The process's environment variables, the shipped defaults file and an optional user file.</summary>
    public static SyncConfigSources FromProcess(string? userFile = null) =>
        new(userFile, ProcessEnvironment(), ShippedDefaultsPath);

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            if (entry.Key is string name && entry.Value is string value)
                variables[name] = value;
        return variables;
    }
}
