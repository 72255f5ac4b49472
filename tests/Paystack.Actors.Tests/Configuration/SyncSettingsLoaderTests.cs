using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Configuration;

public sealed class SyncSettingsLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-sync-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Defaults_come_from_the_embedded_file()
    {
        var settings = SyncSettingsLoader.Defaults();

        Assert.Equal(new EngineSettings(200, 32, 32, TimeSpan.FromDays(36500), 200, TimeSpan.FromSeconds(60), 1000, 100, 3,
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), TimeSpan.FromHours(24)), settings.Engine);
        Assert.Equal(new RateLimitSettings(100, 600, TimeSpan.FromSeconds(60), 32), settings.RateLimits);
        Assert.Equal(new HttpSettings(TimeSpan.FromSeconds(30), 6, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60)), settings.Http);
        Assert.Equal(new PersistenceSettings("sqlite", "Data Source=paystack-sync.journal.db"), settings.Persistence);
    }

    [Fact]
    public void Default_http_settings_match_the_client_defaults()
    {
        var fromHocon = SyncSettingsLoader.Defaults().Http.ToClientOptions("sk_test_x", null);
        Assert.Equal(PaystackClientOptions.Default("sk_test_x"), fromHocon);
    }

    [Fact]
    public void The_repository_file_is_the_embedded_one()
    {
        var repositoryFile = FindRepositoryFile("hocon/paystack-sync.conf");
        var fromFile = SyncSettingsLoader.Load(new SyncConfigSources(null, new Dictionary<string, string>(), repositoryFile));
        Assert.Equal(SyncSettingsLoader.Defaults(), fromFile.Settings);
    }

    [Fact]
    public void A_user_file_overrides_the_defaults_and_keeps_the_rest()
    {
        var file = WriteFile("user.conf", """
            paystack-sync {
              engine { page-size = 25, window-length = 7d }
              persistence { provider = postgresql, connection-string = "Host=localhost;Username=sync;Password=hunter22" }
            }
            """);

        var loaded = SyncSettingsLoader.Load(Sources(userFile: file));

        Assert.Equal(25, loaded.Settings.Engine.PageSize);
        Assert.Equal(TimeSpan.FromDays(7), loaded.Settings.Engine.WindowLength);
        Assert.Equal(32, loaded.Settings.Engine.FetchersPerStream);
        Assert.Equal("postgresql", loaded.Settings.Persistence.Provider);
        Assert.Equal("Host=localhost;Username=sync;Password=hunter22", loaded.Settings.Persistence.ConnectionString);
        Assert.Equal(600, loaded.Settings.RateLimits.LiveRequests);
    }

    [Fact]
    public void Environment_variables_override_the_user_file()
    {
        var file = WriteFile("user.conf", "paystack-sync.engine.page-size = 25\npaystack-sync.http.max-retries = 2");
        var environment = new Dictionary<string, string>
        {
            ["PAYSTACK_SYNC__ENGINE__PAGE_SIZE"] = "50",
            ["PAYSTACK_SYNC__RATE_LIMITS__MAX_IN_FLIGHT"] = "3",
            ["PAYSTACK_SYNC__ENGINE__SETTLE_DELAY"] = "2m",
            ["PAYSTACK_SYNC__PERSISTENCE__CONNECTION_STRING"] = "Data Source=/var/lib/sync \"x\".db",
            ["UNRELATED_VARIABLE"] = "ignored",
        };

        var settings = SyncSettingsLoader.Load(Sources(userFile: file, environment: environment)).Settings;

        Assert.Equal(50, settings.Engine.PageSize);
        Assert.Equal(2, settings.Http.MaxRetries);
        Assert.Equal(3, settings.RateLimits.MaxInFlight);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Engine.SettleDelay);
        Assert.Equal("Data Source=/var/lib/sync \"x\".db", settings.Persistence.ConnectionString);
    }

    [Fact]
    public void Every_setting_has_an_environment_variable_that_maps_back_to_it()
    {
        foreach (var path in HoconPathsOfDefaults())
        {
            var variable = SyncEnvironmentVariables.VariableFor(path);
            Assert.StartsWith("PAYSTACK_SYNC__", variable);
            Assert.Matches("^[A-Z0-9_]+$", variable);
            Assert.Equal(path, SyncEnvironmentVariables.SettingFor(variable));
        }
        Assert.Equal("PAYSTACK_SYNC__RATE_LIMITS__MAX_IN_FLIGHT", SyncEnvironmentVariables.VariableFor("paystack-sync.rate-limits.max-in-flight"));
    }

    [Fact]
    public void An_environment_variable_that_names_no_setting_stops_start_up()
    {
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.Load(
            Sources(environment: new Dictionary<string, string> { ["PAYSTACK_SYNC__ENGINE__PAGE_SIZ"] = "5" })));
        Assert.Contains("PAYSTACK_SYNC__ENGINE__PAGE_SIZ", error.Message);
        Assert.Contains("paystack-sync.engine.page-siz", error.Message);
    }

    [Fact]
    public void A_misspelt_key_in_the_user_file_stops_start_up_but_other_sections_pass_through()
    {
        var file = WriteFile("typo.conf", "paystack-sync.engine.pagesize = 5\nakka.loglevel = DEBUG");
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.Load(Sources(userFile: file)));
        Assert.Contains("paystack-sync.engine.pagesize", error.Message);
        Assert.Contains(file, error.Message);

        var fine = WriteFile("akka.conf", "akka.loglevel = DEBUG");
        Assert.Equal("DEBUG", SyncSettingsLoader.Load(Sources(userFile: fine)).Config.GetString("akka.loglevel"));
    }

    [Fact]
    public void A_missing_or_unparseable_user_file_is_named()
    {
        var missing = Path.Combine(_folder, "nope.conf");
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.Load(Sources(userFile: missing)));
        Assert.Contains($"configuration file {missing} does not exist", error.Message);

        var broken = WriteFile("broken.conf", "paystack-sync.engine.page-size = ${undefined-value}");
        error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.Load(Sources(userFile: broken)));
        Assert.Contains($"file {broken} is not valid HOCON", error.Message);
    }

    [Fact]
    public void The_merged_config_carries_every_layer()
    {
        var loaded = SyncSettingsLoader.Load(Sources(
            userFile: WriteFile("user.conf", "paystack-sync.http.max-retries = 1"),
            environment: new Dictionary<string, string> { ["PAYSTACK_SYNC__HTTP__REQUEST_TIMEOUT"] = "5s" }));

        Assert.Equal("1", loaded.Config.GetString("paystack-sync.http.max-retries"));
        Assert.Equal("5s", loaded.Config.GetString("paystack-sync.http.request-timeout"));
        Assert.Equal("200", loaded.Config.GetString("paystack-sync.engine.page-size"));
    }

    [Fact]
    public void Akka_reads_the_same_durations_including_days()
    {
        var config = SyncSettingsLoader.FromHocon("paystack-sync.engine.window-length = 2d").Config;
        Assert.Equal(TimeSpan.FromDays(2), config.GetTimeSpan("paystack-sync.engine.window-length"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("paystack-sync.http.retry-base-delay"));
        Assert.Equal(TimeSpan.FromDays(36500), SyncSettingsLoader.Defaults().Engine.WindowLength);
    }

    private SyncConfigSources Sources(string? userFile = null, Dictionary<string, string>? environment = null) =>
        new(userFile, environment ?? new Dictionary<string, string>(), ShippedDefaultsFile: null);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static IEnumerable<string> HoconPathsOfDefaults() => EmbeddedDefaultsPaths.All;

    internal static string FindRepositoryFile(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
