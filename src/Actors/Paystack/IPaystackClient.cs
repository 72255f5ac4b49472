namespace Paystack.Actors.Paystack;

/// <summary>Reads one page of a Paystack list endpoint. Transient failures are retried inside; what escapes is final.</summary>
public interface IPaystackClient
{
    /// <exception cref="PaystackApiException">The request failed for good (rejected key, bad request, retries exhausted, a body that is not Paystack JSON).</exception>
    Task<PageResult> GetPageAsync(PageRequest request, CancellationToken cancellationToken);
}
