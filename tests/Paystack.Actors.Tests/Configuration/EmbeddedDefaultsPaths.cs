using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Configuration;

/// <summary>The settings the embedded defaults define, checked against SyncSettings' shape.</summary>
internal static class EmbeddedDefaultsPaths
{
    public static IReadOnlyList<string> All => EmbeddedDefaults.SettingPaths;
}
