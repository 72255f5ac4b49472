using Paystack.Sandbox;

namespace Paystack.Bench.Requests;

/// <summary>One run whose requests are counted against the minimum its records need.</summary>
/// <param name="Name">What the run shows.</param>
/// <param name="Paths">The sandbox resources synced (one stream each) and their records.</param>
/// <param name="DataYears">The records are spread over this many years before now (ending an hour ago).</param>
/// <param name="StartYearsBack">The job's start_date, in years before now.</param>
/// <param name="MaxPageSize">The largest page the sandbox serves, and what it does with a larger ask.</param>
/// <param name="Before">What happens before the counted run: nothing, an earlier run, or an earlier run and 1% new records.</param>
/// <param name="LookbackDays">The counted run's lookback (incremental runs).</param>
/// <param name="WindowLength">The engine's window-length; null is the shipped default (one window for the whole range).</param>
public sealed record RequestCase(
    string Name,
    IReadOnlyDictionary<string, int> Paths,
    double DataYears,
    int StartYearsBack,
    int MaxPageSize = 200,
    OversizedPage Oversized = OversizedPage.Clamp,
    RequestCase.Prior Before = RequestCase.Prior.None,
    int LookbackDays = 0,
    TimeSpan? WindowLength = null)
{
    public enum Prior
    {
        None,
        EarlierRun,
        EarlierRunAndOnePercentNew,
    }
}
