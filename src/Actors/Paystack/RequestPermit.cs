namespace Paystack.Actors.Paystack;

/// <summary>One attempt's admission by an <see cref="IRequestGate"/>, handed back with the attempt's response.</summary>
/// <param name="Id">The gate's number for the attempt; 0 when the gate does not track attempts.</param>
public readonly record struct RequestPermit(long Id)
{
    public static RequestPermit Untracked => default;
}
