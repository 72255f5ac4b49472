namespace Paystack.Actors.Destinations.Progress;

/// <summary>The id a destination mints for itself on first use: random, so a new or re-created database is a new destination.</summary>
internal static class DestinationIds
{
    public static string New() => Guid.NewGuid().ToString("N")[..16];
}
