namespace Paystack.Actors.Paystack;

/// <summary>Reads one page of a Paystack list endpoint. Transient failures are retried inside; what escapes is final.</summary>
public interface IPaystackClient
{
    /// <exception cref="PaystackApiException">The request failed for good (rejected key, bad request, retries exhausted, a body that is not Paystack JSON).</exception>
    Task<PageResult> GetPageAsync(PageRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one record by id (<c>GET /{path}/{id}</c>), with the same gate, retries and errors as a page; null when
    /// Paystack has no such record (404).
    /// </summary>
    /// <exception cref="PaystackApiException">The request failed for good.</exception>
    /// <exception cref="NotSupportedException">The client reads lists only (test doubles).</exception>
    Task<PaystackRecord?> GetRecordAsync(StreamDefinition stream, string id, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} reads lists only.");
}
