using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Monitoring;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

/// <summary>The budget in force is an OpenTelemetry gauge on the meter Paystack.Sync, one series per limiter.</summary>
public sealed class RateLimiterBudgetMetricTests : TestKit
{
    [Fact]
    public async Task The_gauge_follows_the_budget_and_goes_away_with_the_limiter()
    {
        var name = $"rate-limiter-{Guid.NewGuid():N}";
        var limiter = Sys.ActorOf(RateLimiter.Props(80, new RateLimitSettings(80, 80, TimeSpan.FromSeconds(60), MaxInFlight: 4)), name);
        Assert.Equal(80, (await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(3))).Limit);
        Assert.Equal(80, Budget(name));

        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(null, null, null, TimeSpan.FromSeconds(1))));
        Assert.Equal(40, (await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(3))).Limit);
        Assert.Equal(40, Budget(name));

        Watch(limiter);
        Sys.Stop(limiter);
        await ExpectTerminatedAsync(limiter);
        Assert.Null(Budget(name));
    }

    private static long? Budget(string limiter)
    {
        long? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SyncMetrics.MeterName && instrument.Name == "paystack_sync.rate_limiter.budget") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "limiter", Value: string v } && v == limiter) value = measurement;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
