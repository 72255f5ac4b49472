namespace Paystack.Sandbox.Data;

/// <summary>A generator whose records carry an <c>amount</c> that can be computed alone, for sums such as <c>total_volume</c>.</summary>
internal interface IAmountSource
{
    long AmountOf(int seed, long index);
}
