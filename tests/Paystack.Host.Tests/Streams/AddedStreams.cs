namespace Paystack.Host.Tests.Streams;

/// <summary>
/// The list streams beyond the original eight: name, sandbox path and whether incremental sync is offered. The child
/// and point-in-time streams have tests of their own.
/// </summary>
public static class AddedStreams
{
    public static IReadOnlyList<(string Name, string Path, bool Incremental)> All { get; } =
    [
        ("plans", "plan", true),
        ("products", "product", true),
        ("payment_pages", "page", true),
        ("orders", "order", true),
        ("splits", "split", true),
        ("balance_ledger", "balance/ledger", true),
        ("subaccounts", "subaccount", false),
        ("transfer_recipients", "transferrecipient", false),
        ("dedicated_accounts", "dedicated_account", false),
        ("dedicated_account_providers", "dedicated_account/available_providers", false),
        ("bulk_charges", "bulkcharge", false),
        ("terminals", "terminal", false),
        ("virtual_terminals", "virtual_terminal", false),
        ("storefronts", "storefront", false),
        ("direct_debit_mandates", "directdebit/mandate-authorizations", false),
        ("banks", "bank", false),
        ("countries", "country", false),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static IEnumerable<string> IncrementalNames => All.Where(s => s.Incremental).Select(s => s.Name);

    public static string PathOf(string name) => All.Single(s => s.Name == name).Path;
}
