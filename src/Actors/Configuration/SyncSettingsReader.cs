using Akka.Configuration;

namespace Paystack.Actors.Configuration;

/// <summary>Turns the merged <c>paystack-sync</c> configuration into <see cref="SyncSettings"/>, checking every value's range.</summary>
internal static class SyncSettingsReader
{
    public static readonly string[] Providers = ["sqlite", "postgresql"];

    public static readonly string[] SqliteJournalModes = ["wal", "delete"];

    public static SyncSettings Read(Config config, List<string> problems)
    {
        var read = new SettingValueReader(config, problems);
        const string engine = SyncSettingsLoader.RootPath + ".engine.";
        const string limits = SyncSettingsLoader.RootPath + ".rate-limits.";
        const string http = SyncSettingsLoader.RootPath + ".http.";
        const string persistence = SyncSettingsLoader.RootPath + ".persistence.";

        var engineSettings = new EngineSettings(
            PageSize: read.Int(engine + "page-size", 1, 1000),
            FetchersPerStream: read.Int(engine + "fetchers-per-stream", 1, 64),
            MaxPagesHeld: read.Int(engine + "max-pages-held", 1, 10_000),
            WindowLength: read.PositiveDuration(engine + "window-length"),
            MaxPagesPerWindow: read.Int(engine + "max-pages-per-window", 1, 100_000),
            SettleDelay: read.Duration(engine + "settle-delay", TimeSpan.Zero),
            WriteBatchSize: read.Int(engine + "write-batch-size", 1, 100_000),
            SnapshotInterval: read.Int(engine + "snapshot-interval", 1, 1_000_000),
            StreamMaxRestarts: read.Int(engine + "stream-max-restarts", 0, 1000),
            StreamRestartMinBackoff: read.PositiveDuration(engine + "stream-restart-min-backoff"),
            StreamRestartMaxBackoff: read.PositiveDuration(engine + "stream-restart-max-backoff"),
            StallTimeout: read.PositiveDuration(engine + "stall-timeout"),
            RunTimeout: read.PositiveDuration(engine + "run-timeout"));
        NotShorter(problems, engine + "stream-restart-max-backoff", engineSettings.StreamRestartMaxBackoff,
            engine + "stream-restart-min-backoff", engineSettings.StreamRestartMinBackoff);

        var rateLimits = new RateLimitSettings(
            TestRequests: read.Int(limits + "test-requests", 1, 1_000_000),
            LiveRequests: read.Int(limits + "live-requests", 1, 1_000_000),
            Period: read.PositiveDuration(limits + "period"),
            MaxInFlight: read.Int(limits + "max-in-flight", 1, 1024))
        {
            MaxPause = read.PositiveDuration(limits + "max-pause"),
            DecreaseFactor = read.Fraction(limits + "decrease-factor", inclusiveMax: false),
            RecoveryInterval = read.PositiveDuration(limits + "recovery-interval"),
            RecoveryStep = read.Fraction(limits + "recovery-step", inclusiveMax: true),
            WindowMargin = read.Fraction(limits + "window-margin", inclusiveMax: false),
            MinWindowMargin = read.Duration(limits + "min-window-margin", TimeSpan.Zero),
            MaxWindowMargin = read.Duration(limits + "max-window-margin", TimeSpan.Zero),
            MarginNarrowInterval = read.PositiveDuration(limits + "margin-narrow-interval"),
        };
        NotShorter(problems, limits + "max-window-margin", rateLimits.MaxWindowMargin, limits + "min-window-margin", rateLimits.MinWindowMargin);

        var httpSettings = new HttpSettings(
            RequestTimeout: read.PositiveDuration(http + "request-timeout"),
            MaxRetries: read.Int(http + "max-retries", 0, 100),
            RetryBaseDelay: read.PositiveDuration(http + "retry-base-delay"),
            RetryMaxDelay: read.PositiveDuration(http + "retry-max-delay"));
        NotShorter(problems, http + "retry-max-delay", httpSettings.RetryMaxDelay, http + "retry-base-delay", httpSettings.RetryBaseDelay);

        var persistenceSettings = new PersistenceSettings(
            Provider: read.Choice(persistence + "provider", Providers),
            ConnectionString: read.SecretText(persistence + "connection-string"),
            SqliteJournalMode: read.Choice(persistence + "sqlite-journal-mode", SqliteJournalModes));

        return new SyncSettings(engineSettings, rateLimits, httpSettings, persistenceSettings);
    }

    private static void NotShorter(List<string> problems, string longPath, TimeSpan longValue, string shortPath, TimeSpan shortValue)
    {
        if (longValue > TimeSpan.Zero && shortValue > TimeSpan.Zero && longValue < shortValue)
            problems.Add($"{longPath} must not be shorter than {shortPath} (got {HoconDuration.Format(longValue)} < {HoconDuration.Format(shortValue)})");
    }
}
