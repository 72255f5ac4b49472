using System.Diagnostics;

namespace Paystack.Bench;

/// <summary>
/// Every 50 ms: records done so far, and the managed heap (allocated bytes not yet collected, and the heap size the
/// last collection left), keeping the peaks. The working-set peak comes from the OS (<see cref="Process.PeakWorkingSet64"/>).
/// </summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly Func<long> _records;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Sample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private bool _disposed;

    public ResourceSampler(Func<long> records)
    {
        _records = records;
        _loop = Task.Run(LoopAsync);
    }

    public long PeakHeapBytes { get; private set; }

    public long PeakHeapAfterGcBytes { get; private set; }

    public IReadOnlyList<Sample> Samples
    {
        get { lock (_samples) return _samples.ToArray(); }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do TakeSample();
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void TakeSample()
    {
        PeakHeapBytes = Math.Max(PeakHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
        PeakHeapAfterGcBytes = Math.Max(PeakHeapAfterGcBytes, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
        var sample = new Sample(_clock.Elapsed, _records());
        lock (_samples) _samples.Add(sample);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        await _loop;
        TakeSample();
        _stop.Dispose();
    }
}
