using Paystack.Actors.Configuration;
using Paystack.Actors.Logging;

namespace Paystack.Actors.Tests.Configuration;

public sealed class SyncConfigRendererTests
{
    [Fact]
    public void Renders_every_key_once_and_parses_back_to_the_same_settings()
    {
        var loaded = SyncSettingsLoader.FromHocon("paystack-sync.engine.page-size = 42\npaystack-sync.engine.window-length = 7d");

        var text = SyncConfigRenderer.Render(loaded.Config);

        Assert.StartsWith("paystack-sync {\n  engine {\n    page-size = 42\n", text);
        Assert.Contains("    window-length = 7d\n", text);
        Assert.Contains("    connection-string = \"Data Source=paystack-sync.journal.db\"\n", text);
        // A key name may be in several sections (admin.urls, webhooks.urls): each is rendered once per section.
        foreach (var leaves in EmbeddedDefaultsPaths.All.GroupBy(path => path.Split('.')[^1]))
            Assert.Equal(leaves.Count(), text.Split('\n').Count(line => line.TrimStart().StartsWith(leaves.Key + " = ", StringComparison.Ordinal)));
        var reparsed = SyncSettingsLoader.Load(SyncConfigSources.DefaultsOnly with { UserHocon = text });
        Assert.Equal(loaded.Settings, reparsed.Settings);
    }

    [Fact]
    public void Masks_passwords_and_keys()
    {
        var loaded = SyncSettingsLoader.FromHocon("""
            paystack-sync.persistence {
              provider = postgresql
              connection-string = "Host=db;Username=sync;Password=s3cr3t-pw;Database=sync"
            }
            """);
        var text = SyncConfigRenderer.Render(loaded.Config);

        Assert.DoesNotContain("s3cr3t-pw", text);
        Assert.Contains("connection-string = \"Host=db;Username=sync;Password=***;Database=sync\"", text);
    }

    [Fact]
    public void Masks_registered_secrets_and_key_shapes_in_any_value()
    {
        var loaded = SyncSettingsLoader.FromHocon(
            "paystack-sync.persistence.connection-string = \"Data Source=/tmp/sk_test_abc123def.db;Cache=custom-token-xyz\"");
        var redactor = new SecretRedactor(["custom-token-xyz"]);

        var text = SyncConfigRenderer.Render(loaded.Config, redactor);

        Assert.DoesNotContain("abc123def", text);
        Assert.DoesNotContain("custom-token-xyz", text);
        Assert.Contains("sk_test_***", text);
    }

    [Theory]
    [InlineData("Host=a;Password=x;Port=5432", "Host=a;Password=***;Port=5432")]
    [InlineData("Host=a;password = \"x;y\";Port=1", "Host=a;password=***;Port=1")]
    [InlineData("Server=a;Pwd='q'", "Server=a;Pwd=***")]
    [InlineData("Data Source=file.db", "Data Source=file.db")]
    public void Masks_connection_string_passwords(string input, string expected) =>
        Assert.Equal(expected, ConnectionStringMasking.MaskPassword(input));
}
