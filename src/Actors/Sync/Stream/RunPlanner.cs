using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>Decides the range and first windows of a new run of a stream.</summary>
public static class RunPlanner
{
    /// <param name="cursor">The stream's own cursor from its journal; a cursor handed in with the selection counts only without it.</param>
    public static StreamEvents.RunStarted Plan(
        DateTimeOffset? cursor, StreamCommands.StartRun start, StreamDefinition stream, EngineSettings settings)
    {
        var selection = start.Selection;
        DateTimeOffset? handedIn = CursorFormat.TryParse(selection.InitialCursor, out var parsed) ? parsed : null;
        var from = cursor ?? handedIn;
        // An endpoint without a creation-time filter is read whole whatever the mode: its range starts at start_date.
        var lower = selection.Mode == SyncMode.FullRefresh || from is null || !stream.SupportsTimeFilter
            ? start.Job.StartDate
            : Later(start.Job.StartDate, from.Value - TimeSpan.FromDays(start.Job.LookbackDays));
        // Paystack stamps records in whole seconds, so the bound is too: a record never straddles two runs.
        var settled = start.Now - settings.SettleDelay;
        var upper = Later(lower, settled.AddTicks(-(settled.UtcTicks % TimeSpan.TicksPerSecond)));
        // An endpoint without a creation-time filter is read whole, as one window that is never split.
        var windows = stream.SupportsTimeFilter
            ? TimeWindow.Tile(lower, upper, settings.WindowLength)
            : [new TimeWindow(lower, Later(upper, lower.AddTicks(1)))];
        return new StreamEvents.RunStarted(
            start.RunId, selection.Mode, lower, upper, windows, PriorCursor: cursor is null ? handedIn : null, StartedAt: start.Now);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
