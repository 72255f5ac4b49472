using Akka.Configuration;

namespace Paystack.Actors.Configuration;

/// <summary>hocon/paystack-sync.conf as embedded in this assembly, so the library works without the file on disk.</summary>
internal static class EmbeddedDefaults
{
    public const string ResourceName = "Paystack.Actors.paystack-sync.conf";

    private static readonly Lazy<string> LazyText = new(ReadText);
    private static readonly Lazy<Config> LazyConfig = new(() => ConfigurationFactory.ParseString(LazyText.Value));
    private static readonly Lazy<IReadOnlyList<string>> LazyPaths =
        new(() => HoconPaths.Leaves(LazyConfig.Value).Where(p => p.StartsWith(SyncSettingsLoader.RootPath + ".", StringComparison.Ordinal)).ToArray());

    public static string Text => LazyText.Value;

    public static Config Config => LazyConfig.Value;

    /// <summary>Every setting's full path, in file order; the set of keys that exist.</summary>
    public static IReadOnlyList<string> SettingPaths => LazyPaths.Value;

    private static string ReadText()
    {
        using var stream = typeof(EmbeddedDefaults).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(EmbeddedDefaults).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
