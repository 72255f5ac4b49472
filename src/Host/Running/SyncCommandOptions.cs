using System.CommandLine;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Host.Running;

/// <summary>The options shared by the verbs that sync into a database (<c>sync</c>, <c>serve</c>).</summary>
internal sealed class SyncCommandOptions
{
    public Option<FileInfo> Config { get; } = new("--config")
    {
        Description = "The source config JSON in Airbyte's shape: secret_key, start_date, lookback_window_days, base_url.",
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
        Description = "Read everything since start_date instead of only what is new since the last run.",
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

    public Option<string> LogLevel { get; } = new("--log-level")
    {
        Description = "verbose, debug, information, warning or error. Logs go to standard error.",
        DefaultValueFactory = _ => "warning",
    };

    public Option<bool> LogJson { get; } = new("--log-json")
    {
        Description = "Write logs as compact JSON lines, for log shippers.",
    };

    public IEnumerable<Option> All => [Config, Destination, Streams, Mode, FullRefresh, Hocon, Journal, LogLevel, LogJson];

    /// <summary>The streams asked for, in catalog order.</summary>
    /// <exception cref="ArgumentException">A name is not a known stream.</exception>
    public static IReadOnlyList<StreamDefinition> ParseStreams(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return StreamCatalog.All;
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => !StreamCatalog.TryGet(n, out _)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Unknown stream(s): {string.Join(", ", unknown)}. Known streams: {string.Join(", ", StreamCatalog.All.Select(s => s.Name))}.");
        return StreamCatalog.All.Where(s => names.Contains(s.Name)).ToList();
    }

    /// <exception cref="ArgumentException">Not one of the three modes.</exception>
    public static WriteMode ParseWriteMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "append" => WriteMode.Append,
        "overwrite" => WriteMode.Overwrite,
        "append_dedup" or "dedupe" or "dedup" => WriteMode.AppendDedup,
        _ => throw new ArgumentException($"--mode must be append, overwrite or append_dedup (got '{mode}')."),
    };

    /// <summary>An overwrite replaces the whole table, so it always reads everything: an incremental slice would lose rows.</summary>
    public static SyncMode SyncModeFor(WriteMode writeMode, bool fullRefresh) =>
        fullRefresh || writeMode == WriteMode.Overwrite ? SyncMode.FullRefresh : SyncMode.Incremental;
}
