using System.Diagnostics;
using System.Runtime;

namespace Paystack.Bench.Startup;

/// <summary>
/// Timestamps of the first time each start-up step happens in one run, with the JIT time spent so far. The journal and
/// snapshot-store plugins are created by Akka from configuration, so they reach the trace through <see cref="Current"/>.
/// </summary>
public sealed class StartupTrace
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTimeOffset _origin = DateTimeOffset.UtcNow;
    private readonly TimeSpan _jitAtOrigin = JitInfo.GetCompilationTime();
    private readonly long _methodsAtOrigin = JitInfo.GetCompiledMethodCount();
    private readonly List<StartupMark> _marks = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>The run being traced; null between runs.</summary>
    public static StartupTrace? Current { get; set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Records <paramref name="step"/> the first time it happens; later calls are ignored.</summary>
    public void Once(string step) => Add(step, _clock.Elapsed);

    /// <summary>Records <paramref name="step"/> when it has happened <paramref name="times"/> times (e.g. every stream recovered).</summary>
    public void OnCount(string step, int times)
    {
        int count;
        lock (_gate) count = _counts[step] = _counts.GetValueOrDefault(step) + 1;
        if (count == times) Once(step);
    }

    /// <summary>Records a step that happened at a wall-clock time (a request reaching the sandbox).</summary>
    public void At(string step, DateTimeOffset when) => Add(step, when - _origin, jit: false);

    public IReadOnlyList<StartupMark> Marks
    {
        get { lock (_gate) return _marks.OrderBy(m => m.Milliseconds).ToList(); }
    }

    private void Add(string step, TimeSpan at, bool jit = true)
    {
        var jitMs = jit ? (JitInfo.GetCompilationTime() - _jitAtOrigin).TotalMilliseconds : (double?)null;
        var methods = jit ? JitInfo.GetCompiledMethodCount() - _methodsAtOrigin : (long?)null;
        lock (_gate)
        {
            if (!_seen.Add(step)) return;
            _marks.Add(new StartupMark(step, at.TotalMilliseconds, jitMs, methods));
        }
    }
}

/// <param name="JitMilliseconds">JIT compilation time of the whole process since the run began (all threads).</param>
public sealed record StartupMark(string Step, double Milliseconds, double? JitMilliseconds, long? MethodsCompiled);
