using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Host.Serve;

/// <summary>What <c>serve</c> was asked to do, validated.</summary>
/// <param name="ConfigPath">The source config file (Airbyte's shape: secret_key, start_date, ...).</param>
/// <param name="HoconPath">An optional HOCON file with engine settings.</param>
/// <param name="AdminUrls">Where the admin endpoint listens; null takes paystack-sync.admin.urls from HOCON.</param>
/// <param name="AdminToken">Bearer token the admin endpoint demands; required unless every URL is loopback.</param>
/// <param name="RunAtStart">Run once as soon as the service starts (which also resumes an interrupted run).</param>
internal sealed record ServeOptions(
    string ConfigPath,
    string? HoconPath,
    DestinationSpec Destination,
    IReadOnlyList<StreamDefinition> Streams,
    WriteMode WriteMode,
    RunSchedule Schedule,
    IReadOnlyList<string>? AdminUrls,
    string? AdminToken,
    bool RunAtStart = true,
    string? LogLevel = null,
    bool LogJson = false)
{
    /// <summary>Overwrite replaces each table with a complete copy, so it reads everything; the other modes read what is new.</summary>
    public SyncMode SyncMode => WriteMode == WriteMode.Overwrite ? SyncMode.FullRefresh : SyncMode.Incremental;

    /// <summary>Parses <c>--streams a,b</c> (null or empty: every stream).</summary>
    public static IReadOnlyList<StreamDefinition> ParseStreams(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return StreamCatalog.All;
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal);
        return names.Select(StreamCatalog.Get).ToList();
    }

    /// <summary>Parses <c>--mode append|overwrite|append_dedup</c>.</summary>
    public static WriteMode ParseWriteMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "append_dedup" or "append-dedup" => WriteMode.AppendDedup,
        "append" => WriteMode.Append,
        "overwrite" => WriteMode.Overwrite,
        _ => throw new ArgumentException($"--mode '{text}' is not one of append, overwrite, append_dedup."),
    };
}
