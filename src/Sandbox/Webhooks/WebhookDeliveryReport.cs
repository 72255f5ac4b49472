namespace Paystack.Sandbox.Webhooks;

/// <summary>What a delivery round did. <see cref="Announced"/> holds the changes whose event reached the receiver signed correctly with a 200.</summary>
public sealed record WebhookDeliveryReport(
    int Sent, int Dropped, int Duplicated, int Reordered, int Forged, IReadOnlyDictionary<int, int> StatusCounts,
    IReadOnlyList<RecordChange> Announced);
