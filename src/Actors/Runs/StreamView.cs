namespace Paystack.Actors.Runs;

/// <summary>What one stream of a run is doing, as the admin endpoint shows it (and a cluster member reports it to the others).</summary>
/// <param name="State">pending, running, paused, retrying, completed or failed.</param>
/// <param name="EtaSeconds">Time left at the current page rate, when it can be told.</param>
public sealed record StreamView(
    string Name, string State, bool Paused, bool Resumed, string? Cursor,
    long WindowsDone, long WindowsPlanned, long PagesDone, long PagesPlanned,
    long Records, long Requests, long Retries, long RateLimited, long PagesInFlight,
    int Restarts, string? LastError, double? EtaSeconds);
