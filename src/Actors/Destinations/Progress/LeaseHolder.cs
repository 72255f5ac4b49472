using System.Globalization;

namespace Paystack.Actors.Destinations.Progress;

/// <summary>Who holds a destination's lease: written by the holder next to the lock, read by whoever is refused.</summary>
public sealed record LeaseHolder(string Account, string Host, int ProcessId, DateTimeOffset Since)
{
    /// <summary>This process, now.</summary>
    public static LeaseHolder Current(string account) =>
        new(account, Environment.MachineName, Environment.ProcessId, DateTimeOffset.UtcNow);

    public override string ToString() =>
        $"process {ProcessId} on {Host}, running since {Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
}
