using System.Globalization;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// Creation times for records a test adds between two runs. A run reads records created before its upper bound, its
/// start minus the settle delay in whole seconds, and the next run reads from there: so a record added after a run
/// must be created at or after that run's bound, and the next run must start late enough for its bound to pass it.
/// </summary>
public static class RunClock
{
    /// <summary>The settle delay of <see cref="SyncKillTests.FastEngine"/>.</summary>
    public static TimeSpan SettleDelay { get; } = TimeSpan.FromSeconds(
        int.Parse(SyncKillTests.FastEngine["PAYSTACK_SYNC__ENGINE__SETTLE_DELAY"]!.TrimEnd('s'), CultureInfo.InvariantCulture));

    /// <summary>
    /// A creation time no run that has already ended reached (its bound was at most its start minus the settle delay),
    /// in whole seconds like Paystack's.
    /// </summary>
    public static DateTimeOffset AfterLastRun()
    {
        var settled = DateTimeOffset.UtcNow - SettleDelay;
        return settled.AddTicks(-(settled.UtcTicks % TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// Waits until a run started now has its bound past <paramref name="createdAt"/>: at most the settle delay and a
    /// second after <see cref="AfterLastRun"/>, usually nothing.
    /// </summary>
    public static async Task UntilReadableAsync(DateTimeOffset createdAt)
    {
        var due = createdAt + SettleDelay + TimeSpan.FromSeconds(1.05);
        var wait = due - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            Assert.True(wait <= SettleDelay + TimeSpan.FromSeconds(2), $"{createdAt:O} is too far ahead to wait for");
            await Task.Delay(wait);
        }
    }
}
