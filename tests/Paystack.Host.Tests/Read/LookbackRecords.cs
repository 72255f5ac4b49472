using Paystack.Sandbox;

namespace Paystack.Host.Tests.Read;

/// <summary>
/// Three records placed around a stream's cursor between two reads: one inside the lookback, one just before it and one
/// created after the cursor. The next read must return the first and the last, not the middle one.
/// </summary>
public sealed record LookbackRecords(string InLookback, string TooOld, string New)
{
    public static LookbackRecords AddAround(SandboxStore store, string path, DateTimeOffset cursor, int lookbackDays) => new(
        store.Add(path, cursor.AddDays(-1)),
        store.Add(path, cursor.AddDays(-lookbackDays).AddHours(-1)),
        store.Add(path, cursor.AddSeconds(1)));

    /// <summary>Waits until the next run's upper bound (whole seconds) lies past records created after <paramref name="cursor"/>.</summary>
    public static async Task WaitUntilPastAsync(DateTimeOffset cursor)
    {
        var past = cursor.AddSeconds(2);
        while (DateTimeOffset.UtcNow < past) await Task.Delay(100);
    }
}
