using System.Diagnostics.Metrics;
using Paystack.Actors.Monitoring;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Monitoring;

/// <summary>Per stream, when it last succeeded and how far its durable cursor is behind now, as gauges on Paystack.Sync.</summary>
public sealed class FreshnessMetricTests
{
    private static readonly DateTimeOffset Finished = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_successful_stream_sets_its_last_success_time_and_its_cursor_lag_follows_the_cursor()
    {
        var stream = $"fresh-{Guid.NewGuid():N}";
        var observer = new MetricsObserver("test-account", new FixedClock(Finished));
        var cursor = DateTimeOffset.UtcNow.AddHours(-2);

        observer.Checkpoint(new StreamReports.Checkpoint(stream, "createdAt", cursor.AddHours(-1).ToString("O"), 10));
        Assert.InRange(Gauge("paystack_sync.stream.cursor_lag", stream)!.Value, 3 * 3600 - 60, 3 * 3600 + 60);
        Assert.Null(Gauge("paystack_sync.stream.last_success_time", stream));

        observer.StreamFinished(new StreamOutcome(stream, true, StreamStats.Empty, cursor.ToString("O"), null, TimeSpan.FromSeconds(5), 0));

        Assert.Equal(Finished.ToUnixTimeSeconds(), Gauge("paystack_sync.stream.last_success_time", stream));
        Assert.InRange(Gauge("paystack_sync.stream.cursor_lag", stream)!.Value, 2 * 3600 - 60, 2 * 3600 + 60);
    }

    [Fact]
    public void A_failed_stream_leaves_its_last_success_time_alone()
    {
        var stream = $"failing-{Guid.NewGuid():N}";
        new MetricsObserver("test-account", new FixedClock(Finished))
            .StreamFinished(new StreamOutcome(stream, true, StreamStats.Empty, null, null, TimeSpan.FromSeconds(5), 0));
        new MetricsObserver("test-account", new FixedClock(Finished.AddHours(1)))
            .StreamFinished(new StreamOutcome(stream, false, StreamStats.Empty, null, "boom", TimeSpan.FromSeconds(5), 0));

        Assert.Equal(Finished.ToUnixTimeSeconds(), Gauge("paystack_sync.stream.last_success_time", stream));
    }

    private static double? Gauge(string name, string stream)
    {
        double? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SyncMetrics.MeterName && instrument.Name == name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "stream", Value: string s } && s == stream) value = measurement;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
