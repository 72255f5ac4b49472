namespace Paystack.Sandbox.Webhooks;

/// <summary>How the sandbox delivers webhooks: the ways a real delivery goes wrong, each a fraction of deliveries.</summary>
public sealed class WebhookDeliveryOptions
{
    /// <summary>Deliveries never sent (Paystack gave up, the receiver was down for 72 hours).</summary>
    public double DropRate { get; set; }

    /// <summary>Deliveries sent twice (a retry after a lost answer).</summary>
    public double DuplicateRate { get; set; }

    /// <summary>Deliveries held back and sent after the next one.</summary>
    public double ReorderRate { get; set; }

    /// <summary>Deliveries signed with the wrong key (an impostor).</summary>
    public double ForgeRate { get; set; }

    /// <summary>Wait before each delivery.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Seed of the dice: the same seed makes the same choices.</summary>
    public int Seed { get; set; } = 7;
}
