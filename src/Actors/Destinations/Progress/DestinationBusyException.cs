namespace Paystack.Actors.Destinations.Progress;

/// <summary>Another run of the account holds the destination's lease.</summary>
/// <param name="waited">How long the refused run waited for the lease; zero when it asked not to wait.</param>
public sealed class DestinationBusyException(string destination, string account, LeaseHolder? holder, TimeSpan waited)
    : Exception(Describe(destination, account, holder, waited))
{
    public LeaseHolder? Holder { get; } = holder;

    private static string Describe(string destination, string account, LeaseHolder? holder, TimeSpan waited) =>
        $"another run of account {account} into {destination} is going ({holder?.ToString() ?? "holder unknown"})" +
        (waited > TimeSpan.Zero ? $"; waited {waited.TotalSeconds:F0} s for it to end" : "");
}
