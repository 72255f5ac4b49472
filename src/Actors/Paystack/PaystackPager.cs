using System.Runtime.CompilerServices;

namespace Paystack.Actors.Paystack;

/// <summary>
/// Reads a stream page after page, one request at a time, following <see cref="PagingRule"/>.
/// For tools, checks and tests; the engine pages in parallel itself.
/// </summary>
public static class PaystackPager
{
    /// <summary>Every record of the stream created in [from, to), newest first, by page number.</summary>
    public static IAsyncEnumerable<PaystackRecord> ReadAllAsync(
        IPaystackClient client,
        StreamDefinition stream,
        int perPage,
        DateTimeOffset? from,
        DateTimeOffset? to,
        CancellationToken cancellationToken) =>
        ReadAllAsync(client, stream, perPage, from, to, useCursor: false, cancellationToken);

    /// <summary>As above; with <paramref name="useCursor"/> the pages are followed by <c>meta.next</c> instead of by number.</summary>
    public static async IAsyncEnumerable<PaystackRecord> ReadAllAsync(
        IPaystackClient client,
        StreamDefinition stream,
        int perPage,
        DateTimeOffset? from,
        DateTimeOffset? to,
        bool useCursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(stream);
        if (useCursor && !stream.Paging.SupportsCursor)
        {
            throw new ArgumentException($"The stream '{stream.Name}' does not support cursor paging.", nameof(useCursor));
        }

        useCursor |= stream.Paging.Kind == PagingKind.Cursor;
        var request = new PageRequest(stream, Page: 1, perPage, from, to, UseCursor: useCursor);
        while (true)
        {
            var result = await client.GetPageAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var record in result.Records)
            {
                yield return record;
            }

            if (!PagingRule.HasNextPage(request, result))
            {
                yield break;
            }

            request = useCursor
                ? request with { Cursor = result.Meta.Next }
                : request with { Page = request.Page + 1 };
        }
    }
}
