using Paystack.Actors.Paystack;

namespace Paystack.Bench.Startup;

/// <summary>The production HTTP client, timestamping the first page asked for and the first answer.</summary>
public sealed class TimedClient(PaystackClient inner) : IPaystackClient, IDisposable
{
    public async Task<PageResult> GetPageAsync(PageRequest request, CancellationToken cancellationToken)
    {
        StartupTrace.Current?.Once("client: first page requested");
        var result = await inner.GetPageAsync(request, cancellationToken);
        StartupTrace.Current?.Once("client: first page answered");
        return result;
    }

    public void Dispose() => inner.Dispose();
}
