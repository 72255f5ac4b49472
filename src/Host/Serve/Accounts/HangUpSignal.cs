using System.Globalization;

namespace Paystack.Host.Serve.Accounts;

/// <summary>
/// Whether this process ignores SIGHUP because it was started ignoring it, as <c>nohup</c> does: .NET keeps an inherited
/// ignore, so a registered handler never runs and <c>kill -HUP</c> reloads nothing.
/// </summary>
internal static class HangUpSignal
{
    /// <summary>The bit of SIGHUP (1) in the signal masks of /proc/PID/status.</summary>
    private const ulong Bit = 1UL << 0;

    public static bool Ignored()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null
                   && ulong.TryParse(line.AsSpan("SigIgn:".Length).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ignored)
                   && (ignored & Bit) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
