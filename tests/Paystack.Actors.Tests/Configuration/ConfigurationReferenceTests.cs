using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Configuration;

/// <summary>docs/configuration.md must describe every setting the defaults define, in its section, with the default value.</summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void Every_setting_is_documented_with_its_default()
    {
        var document = File.ReadAllText(SyncSettingsLoaderTests.FindRepositoryFile("docs/configuration.md"));
        var defaults = SyncSettingsLoader.FromHocon("").Config;

        foreach (var path in EmbeddedDefaultsPaths.All)
        {
            var segments = path.Split('.');
            var section = $"### `{string.Join('.', segments[..^1])}`";
            var sectionStart = document.IndexOf(section, StringComparison.Ordinal);
            Assert.True(sectionStart >= 0, $"docs/configuration.md has no section {section}");
            var sectionEnd = document.IndexOf("\n### ", sectionStart + section.Length, StringComparison.Ordinal);
            var body = sectionEnd < 0 ? document[sectionStart..] : document[sectionStart..sectionEnd];

            var row = body.Split('\n').FirstOrDefault(line => line.StartsWith($"| `{segments[^1]}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/configuration.md does not list {path}");
            Assert.Contains($"`{defaults.GetString(path)}`", row.Replace("`\"", "`").Replace("\"`", "`"));
        }
    }
}
