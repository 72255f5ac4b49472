using static Paystack.Bench.ResultTable;

namespace Paystack.Bench;

/// <summary>Compares a scenario's figures with its target and says whether it was met.</summary>
public static class TargetCheck
{
    public static IEnumerable<string> Verdicts(string scenario, IReadOnlyList<CaseResult> results)
    {
        switch (scenario)
        {
            case "ceiling":
                foreach (var r in results)
                    yield return $"{r.Name}: steady {P(r.SteadyCeilingFraction)}, overall {P(r.CeilingFraction)} of the ceiling "
                        + $"(target >= 95%): {Met(r.Succeeded && r.SteadyCeilingFraction >= 0.95)}";
                break;
            case "memory":
                var small = results.FirstOrDefault(r => r.Name == "memory-100k");
                var large = results.FirstOrDefault(r => r.Name == "memory-1m");
                if (small is null || large is null) yield break;
                var ws = (double)large.PeakWorkingSetBytes / small.PeakWorkingSetBytes;
                var heap = (double)large.PeakHeapBytes / small.PeakHeapBytes;
                var live = (double)large.PeakHeapAfterGcBytes / small.PeakHeapAfterGcBytes;
                // The process's peak memory is judged. The managed heap is shown, not judged: its peak is a 50 ms sample
                // of the live pages (bounded by max-pages-held, fullest when the writer lags, which a 3 s run may not
                // meet) plus the first generation's uncollected garbage, whose budget the GC sizes from the L3 cache.
                yield return $"1M / 100k: working set x{F(ws, 2)} (target within 20%): "
                    + $"{Met(small.Succeeded && large.Succeeded && Within(ws))}; "
                    + $"shown: managed heap x{F(heap, 2)}, heap after GC x{F(live, 2)}";
                // A 100k run ends within seconds, before the GC has grown its older generations; 3M shows the plateau.
                if (results.FirstOrDefault(r => r.Name == "memory-3m") is { Succeeded: true } longest)
                    yield return $"3M / 1M (shown, not judged): working set x{F((double)longest.PeakWorkingSetBytes / large.PeakWorkingSetBytes, 2)}, "
                        + $"managed heap x{F((double)longest.PeakHeapBytes / large.PeakHeapBytes, 2)}, "
                        + $"heap after GC x{F((double)longest.PeakHeapAfterGcBytes / large.PeakHeapAfterGcBytes, 2)}";
                break;
            case "unlimited":
                foreach (var r in results)
                    yield return $"{r.Name}: {N(r.RecordsPerSecond)} records/s overall, {N(r.SteadyRecordsPerSecond ?? 0)} steady "
                        + $"(target >= 20,000): {Met(r.Succeeded && r.RecordsPerSecond >= 20_000)}";
                break;
        }
    }

    private static bool Within(double ratio) => ratio is >= 0.8 and <= 1.2;

    private static string Met(bool met) => met ? "MET" : "NOT MET";
}
