using Akka.Actor;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Engine;
using Paystack.Actors.Webhooks;

namespace Paystack.Actors.Tests.Webhooks;

/// <summary>The inbox's journal entries through the serializer the journal uses, and what a snapshot keeps.</summary>
public sealed class WebhookInboxStateTests() : TestKit(JournalConfig.InMemory())
{
    private static readonly DateTimeOffset FixedNow = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static WebhookEvent Event(string id, DateTimeOffset at) => new(id, "charge.success", at, "{\"event\":\"charge.success\",\"data\":{\"id\":" + id.Length + "}}");

    private T RoundTrip<T>(T entry) where T : class
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(entry);
        Assert.IsType<WebhookInboxSerializer>(serializer);
        return (T)serializer.FromBinary(serializer.ToBinary(entry), serializer.Manifest(entry));
    }

    [Fact]
    public void A_snapshot_through_the_journal_keeps_pending_events_recent_ids_and_the_last_reconciliation()
    {
        var state = new WebhookInboxState();
        foreach (IWebhookInboxEntry entry in new IWebhookInboxEntry[]
                 {
                     RoundTrip(new WebhookInboxEvents.Accepted(Event("old-settled", FixedNow.AddDays(-5)))),
                     RoundTrip(new WebhookInboxEvents.Settled("old-settled", "applied", FixedNow.AddDays(-5))),
                     RoundTrip(new WebhookInboxEvents.Accepted(Event("old-pending", FixedNow.AddDays(-5)))),
                     RoundTrip(new WebhookInboxEvents.Accepted(Event("recent-settled", FixedNow.AddHours(-1)))),
                     RoundTrip(new WebhookInboxEvents.Settled("recent-settled", "ignored_type", FixedNow)),
                     RoundTrip(new WebhookInboxEvents.Accepted(Event("recent-pending", FixedNow))),
                     RoundTrip(new WebhookInboxEvents.Reconciled(FixedNow.AddMinutes(-5))),
                 })
            state.Apply(entry);

        var restored = new WebhookInboxState();
        restored.Apply(RoundTrip(state.ToSnapshot(FixedNow)));

        Assert.Equal(["old-pending", "recent-pending"], restored.Pending.Select(e => e.EventId));
        Assert.Equal(Event("recent-pending", FixedNow), restored.Pending.Last());
        Assert.True(restored.HasSeen("recent-settled"));
        Assert.True(restored.HasSeen("old-pending"));
        Assert.False(restored.HasSeen("old-settled")); // past the 4 days Paystack retries for
        Assert.Equal(FixedNow.AddMinutes(-5), restored.LastReconciledAt);
    }
}
