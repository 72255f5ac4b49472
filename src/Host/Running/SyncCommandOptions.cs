using System.CommandLine;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Logging;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Serilog.Events;

namespace Paystack.Host.Running;

/// <summary>
/// The options that say what to sync and where, declared and validated here once for every verb that syncs into a
/// database (<c>sync</c>, <c>serve</c>): same names, descriptions, defaults and error messages.
/// </summary>
internal sealed class SyncCommandOptions
{
    /// <summary>Log level of a one-off <c>sync</c>: its console shows progress and a summary, so only problems are logged.</summary>
    public const string SyncLogLevel = "warning";

    /// <summary>Log level of <c>serve</c>: a service's log (and its admin log ring) is the only record of its runs.</summary>
    public const string ServeLogLevel = "information";

    /// <param name="defaultLogLevel">The one default that differs between the verbs; see <see cref="SyncLogLevel"/> and <see cref="ServeLogLevel"/>.</param>
    public SyncCommandOptions(string defaultLogLevel = SyncLogLevel)
    {
        ParseLogLevel(defaultLogLevel);
        LogLevel = new Option<string>("--log-level")
        {
            Description = "verbose, debug, information, warning or error. Logs go to standard error.",
            HelpName = "LEVEL",
            DefaultValueFactory = _ => defaultLogLevel,
        };
    }

    public Option<FileInfo> Config { get; } = new("--config")
    {
        Description = "The source config JSON in Airbyte's shape: secret_key (or the environment variable PAYSTACK_SECRET_KEY), "
                      + "start_date, lookback_window_days, base_url.",
        HelpName = "FILE",
        Required = true,
    };

    public Option<string> Destination { get; } = new("--destination")
    {
        Description = "Where records go: sqlite:PATH or postgres:CONNECTION-STRING.",
        HelpName = "SPEC",
        DefaultValueFactory = _ => "sqlite:paystack.db",
    };

    public Option<string?> Streams { get; } = new("--streams")
    {
        Description = $"Comma-separated streams to sync (default: all): {string.Join(", ", StreamCatalog.All.Select(s => s.Name))}.",
        HelpName = "LIST",
    };

    public Option<string> Mode { get; } = new("--mode")
    {
        Description = "How records land: append, overwrite (a full refresh swapped in atomically) or append_dedup (one row per id).",
        HelpName = "MODE",
        DefaultValueFactory = _ => "append_dedup",
    };

    public Option<bool> FullRefresh { get; } = new("--full-refresh")
    {
        Description = "Read everything since start_date on every run instead of only what is new since the last one.",
    };

    public Option<FileInfo?> Hocon { get; } = new("--hocon")
    {
        Description = "A HOCON file whose paystack-sync settings override the defaults.",
        HelpName = "FILE",
    };

    public Option<string?> Journal { get; } = new("--journal")
    {
        Description = "Where stream journals live (overrides paystack-sync.persistence): sqlite:PATH or postgres:CONNECTION-STRING.",
        HelpName = "SPEC",
    };

    public Option<string?> Wait { get; } = new("--wait")
    {
        Description = "When another run of the account holds the destination, wait for it to end (for ever, or at most TIMEOUT: 30s, 10m) " +
                      "instead of refusing at once.",
        HelpName = "TIMEOUT",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string> LogLevel { get; }

    public Option<bool> LogJson { get; } = new("--log-json")
    {
        Description = "Write logs as compact JSON lines, for log shippers.",
    };

    /// <summary>Where the journal is configured when --journal is not given.</summary>
    private const string JournalSetting = "paystack-sync.persistence.connection-string";

    public IEnumerable<Option> All => [Config, Destination, Streams, Mode, FullRefresh, Hocon, Journal, Wait, LogLevel, LogJson];

    /// <summary>True for the failures <see cref="Read"/> reports as bad input (exit code 2).</summary>
    public static bool IsBadInput(Exception e) => e is ArgumentException or AirbyteConfigException or SyncConfigurationException;

    /// <summary>Validates every option and loads the files they name; the cheap checks come first.</summary>
    /// <param name="warn">Told about what is suspicious but not wrong (an unknown key in the source config), one line each.</param>
    /// <exception cref="ArgumentException">An option's value is not valid; the message names the option.</exception>
    /// <exception cref="AirbyteConfigException">The source config file is missing or not valid.</exception>
    /// <exception cref="SyncConfigurationException">The HOCON settings are not valid.</exception>
    public SyncCommandInputs Read(ParseResult parseResult, Action<string>? warn = null)
    {
        var writeMode = ParseWriteMode(parseResult.GetValue(Mode));
        var destination = ParseDestination(parseResult.GetValue(Destination));
        var streams = ParseStreams(parseResult.GetValue(Streams));
        var engine = ReadEngine(parseResult, () => SourceConfigReader.Load(parseResult.GetValue(Config)!.FullName, warn: warn));
        // Last, as it touches the file system: a bad path is refused here rather than from deep inside a run.
        if (destination.Kind == DestinationKind.Sqlite) SqliteFileCheck.EnsureWritable(destination.Target, "--destination");

        var request = new SyncRequest(engine.Source!, destination, streams, SyncModeFor(writeMode, parseResult.GetValue(FullRefresh)), writeMode)
        {
            LeaseWait = engine.LeaseWait,
        };
        return new SyncCommandInputs(request, engine.Settings, engine.LogLevel, engine.LogJson);
    }

    /// <summary>
    /// What does not depend on the account: the journal, <c>--wait</c>, logging and the HOCON settings. <c>serve
    /// --accounts</c> reads only these; the accounts come from its file.
    /// </summary>
    /// <param name="loadSource">Loads the source config between the cheap checks and the HOCON file; null when there is none.</param>
    public EngineInputs ReadEngine(ParseResult parseResult, Func<SourceConfig>? loadSource = null)
    {
        var journal = parseResult.GetValue(Journal) is { } spec ? JournalSpec.Parse(spec) : null;
        var leaseWait = parseResult.GetResult(Wait) is null ? TimeSpan.Zero : ParseWait(parseResult.GetValue(Wait));
        var logLevel = parseResult.GetValue(LogLevel);
        ParseLogLevel(logLevel);

        var source = loadSource?.Invoke();
        var settings = SyncSettingsLoader.Load(parseResult.GetValue(Hocon)?.FullName);
        // --journal names where the journal lives; how a SQLite journal is kept still comes from the HOCON settings.
        if (journal is not null)
            settings = settings with
            {
                Settings = settings.Settings with
                {
                    Persistence = journal with { SqliteJournalMode = settings.Settings.Persistence.SqliteJournalMode },
                },
            };
        SqliteFileCheck.EnsureJournalWritable(settings.Settings.Persistence, journal is null ? JournalSetting : "--journal");
        return new EngineInputs(settings, leaseWait, logLevel!, parseResult.GetValue(LogJson), source);
    }

    /// <param name="Source">The source config, when one was loaded.</param>
    public sealed record EngineInputs(LoadedSyncSettings Settings, TimeSpan LeaseWait, string LogLevel, bool LogJson, SourceConfig? Source);

    /// <exception cref="ArgumentException">Not a destination spec; the message names --destination.</exception>
    public static DestinationSpec ParseDestination(string? spec)
    {
        try
        {
            return DestinationSpec.Parse(spec);
        }
        catch (ArgumentException invalid)
        {
            throw new ArgumentException($"--destination: {ArgumentMessages.Of(invalid)}");
        }
    }

    /// <summary>--wait alone waits for ever; with a value, at most that long.</summary>
    /// <exception cref="ArgumentException">The value is not a duration.</exception>
    public static TimeSpan ParseWait(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Timeout.InfiniteTimeSpan;
        if (!HoconDuration.TryParse(value, out var wait) || wait < TimeSpan.Zero)
            throw new ArgumentException($"--wait '{value}' is not a duration (write a number and a unit: 30s, 10m, 1h), or leave the value out to wait for ever.");
        return wait;
    }

    /// <summary>The streams asked for, in catalog order; every stream when the option is not given.</summary>
    /// <exception cref="ArgumentException">A name is not a known stream, or the list names none.</exception>
    public static IReadOnlyList<StreamDefinition> ParseStreams(string? list)
    {
        if (list is null) return StreamCatalog.All;
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        // An empty list is most likely an unset shell variable; syncing everything instead would be a surprise.
        if (names.Count == 0)
            throw new ArgumentException(
                $"--streams names no stream (got '{list}'): give one or more of {string.Join(", ", StreamCatalog.All.Select(s => s.Name))}, " +
                "or leave --streams out to sync every stream.");
        var unknown = names.Where(n => !StreamCatalog.TryGet(n, out _)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"--streams: unknown stream(s) {string.Join(", ", unknown)}. Known streams: {string.Join(", ", StreamCatalog.All.Select(s => s.Name))}.");
        return StreamCatalog.All.Where(s => names.Contains(s.Name)).ToList();
    }

    /// <exception cref="ArgumentException">Not one of the three modes.</exception>
    public static WriteMode ParseWriteMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "append" => WriteMode.Append,
        "overwrite" => WriteMode.Overwrite,
        "append_dedup" or "append-dedup" or "dedupe" or "dedup" => WriteMode.AppendDedup,
        _ => throw new ArgumentException($"--mode must be append, overwrite or append_dedup (got '{mode}')."),
    };

    /// <exception cref="ArgumentException">Not a level Serilog knows.</exception>
    public static LogEventLevel ParseLogLevel(string? level) =>
        PaystackLogging.TryParseLevel(level, out var parsed)
            ? parsed
            : throw new ArgumentException($"--log-level must be verbose, debug, information, warning or error (got '{level}').");

    /// <summary>An overwrite replaces the whole table, so it always reads everything: an incremental slice would lose rows.</summary>
    public static SyncMode SyncModeFor(WriteMode writeMode, bool fullRefresh) =>
        fullRefresh || writeMode == WriteMode.Overwrite ? SyncMode.FullRefresh : SyncMode.Incremental;
}
