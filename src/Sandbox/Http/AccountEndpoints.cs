using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>The endpoints serving one data set; the pipeline picks them by the request's key.</summary>
internal sealed class AccountEndpoints(Dataset dataset, SandboxOptions options, TimeProvider clock)
{
    public ListEndpoint List { get; } = new(dataset, options, clock);

    public FetchEndpoint Fetch { get; } = new(dataset);

    public SettlementTransactionsEndpoint SettlementTransactions { get; } = new(dataset, options, clock);

    public BalanceEndpoint Balance { get; } = new(dataset);
}
