using Microsoft.Extensions.Logging;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Paystack;

/// <summary>Clients pointed at a sandbox with test-sized delays.</summary>
internal static class SandboxClients
{
    public static PaystackClientOptions Options(SandboxServer sandbox, int maxRetries = 5, string? key = null) => new(
        sandbox.BaseUrl,
        key ?? sandbox.Options.TestKey,
        RequestTimeout: TimeSpan.FromSeconds(5),
        MaxRetries: maxRetries,
        RetryBaseDelay: TimeSpan.FromMilliseconds(10),
        RetryMaxDelay: TimeSpan.FromMilliseconds(100));

    public static PaystackClient Create(SandboxServer sandbox, IRequestGate? gate = null, ILogger? logger = null, int maxRetries = 5) =>
        new(Options(sandbox, maxRetries), gate, logger);

    public static async Task<List<PaystackRecord>> ReadAllAsync(
        IPaystackClient client, string stream, int perPage = 100, DateTimeOffset? from = null, DateTimeOffset? to = null, bool useCursor = false)
    {
        var records = new List<PaystackRecord>();
        await foreach (var record in PaystackPager.ReadAllAsync(client, StreamCatalog.Get(stream), perPage, from, to, useCursor, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }
}
