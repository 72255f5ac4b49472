using System.Text.Json;
using Paystack.Actors.Sync;

namespace Paystack.Host.Running;

/// <summary>What <c>sync --json</c> prints when the run ends, instead of the table: one JSON object on stdout.</summary>
internal static class SummaryJson
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Summary(string RunId, bool Succeeded, double DurationSeconds, long Records, IReadOnlyList<StreamSummary> Streams);

    public sealed record StreamSummary(
        string Stream, bool Succeeded, long Records, long Pages, long Requests, long Retries, long RateLimited,
        double DurationSeconds, string? Cursor, string? Error);

    public static Summary Of(SyncOutcome outcome) => new(
        outcome.RunId, outcome.Succeeded, outcome.Duration.TotalSeconds, outcome.Streams.Sum(s => s.Stats.Records),
        outcome.Streams.Select(s => new StreamSummary(
            s.Stream, s.Succeeded, s.Stats.Records, s.Stats.Pages, s.Stats.Requests, s.Stats.Retries, s.Stats.RateLimited,
            s.Duration.TotalSeconds, s.Cursor, s.Error)).ToList());

    public static void Write(TextWriter output, SyncOutcome outcome) =>
        output.WriteLine(JsonSerializer.Serialize(Of(outcome), Indented));
}
