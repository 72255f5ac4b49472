namespace Paystack.Actors.Tests.Paystack;

/// <summary>
/// The sandbox logs a request after its answer is sent, so the client can hold the answer a moment before the log
/// shows it. Counts are compared once the log has caught up (the client made no request after it returned).
/// </summary>
internal static class Eventually
{
    public static async Task EqualAsync(int expected, Func<int> actual, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(3));
        while (actual() != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(expected, actual());
    }
}
