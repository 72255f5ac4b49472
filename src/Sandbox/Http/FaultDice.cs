namespace Paystack.Sandbox.Http;

/// <summary>
/// Draws each request's fault and latency from a seeded <see cref="Random"/>, so a run with the same seed and the same
/// request order misbehaves the same way. Thread-safe; reseeds when <see cref="SandboxFaults.Seed"/> changes.
/// </summary>
internal sealed class FaultDice
{
    private static readonly int[] ServerErrorStatuses = [500, 502, 503];

    private readonly SandboxFaults _faults;
    private readonly int _fallbackSeed;
    private readonly object _gate = new();
    private Random _random;
    private int _seedVersion;

    public FaultDice(SandboxFaults faults, int fallbackSeed)
    {
        _faults = faults;
        _fallbackSeed = fallbackSeed;
        _seedVersion = faults.SeedVersion;
        _random = new Random(faults.Seed ?? fallbackSeed);
    }

    public (FaultKind Kind, int Status, TimeSpan Delay) Draw()
    {
        lock (_gate)
        {
            if (_seedVersion != _faults.SeedVersion)
            {
                _seedVersion = _faults.SeedVersion;
                _random = new Random(_faults.Seed ?? _fallbackSeed);
            }
            var delay = _faults.Latency + _faults.LatencyJitter * _random.NextDouble();
            var roll = _random.NextDouble();
            var status = ServerErrorStatuses[_random.Next(ServerErrorStatuses.Length)];
            var kind = Pick(roll);
            return (kind, kind switch { FaultKind.ServerError => status, FaultKind.HtmlError => 502, _ => 200 }, delay);
        }
    }

    private FaultKind Pick(double roll)
    {
        if ((roll -= _faults.ResetRate) < 0) return FaultKind.Reset;
        if ((roll -= _faults.ServerErrorRate) < 0) return FaultKind.ServerError;
        if ((roll -= _faults.HtmlErrorRate) < 0) return FaultKind.HtmlError;
        if ((roll -= _faults.TruncatedRate) < 0) return FaultKind.Truncated;
        return FaultKind.None;
    }
}
