namespace Paystack.Actors.Paystack;

/// <summary>Every stream the engine can sync, as data. Adding a stream is adding an entry here.</summary>
public static class StreamCatalog
{
    private static readonly StreamPaging Pages = StreamPaging.PageNumbers;
    private static readonly StreamPaging PagesOrCursor = StreamPaging.PageNumbersOrCursor;

    public static IReadOnlyList<StreamDefinition> All { get; } =
    [
        new("customers", "customer", "createdAt", "id", PagesOrCursor),
        new("disputes", "dispute", "createdAt", "id", Pages),
        new("invoices", "paymentrequest", "created_at", "id", Pages),
        new("refunds", "refund", "createdAt", "id", Pages),
        new("settlements", "settlement", "createdAt", "id", Pages),
        new("subscriptions", "subscription", "createdAt", "id", Pages),
        new("transactions", "transaction", "createdAt", "id", PagesOrCursor),
        new("transfers", "transfer", "createdAt", "id", PagesOrCursor),
        new("plans", "plan", "createdAt", "id", Pages),
        new("products", "product", "createdAt", "id", Pages),
        new("payment_pages", "page", "createdAt", "id", Pages),
        new("orders", "order", "created_at", "id", Pages),
        new("splits", "split", "createdAt", "id", Pages),
        new("balance_ledger", "balance/ledger", "createdAt", "id", Pages),
        new("subaccounts", "subaccount", "createdAt", "id", Pages, SupportsTimeFilter: false),
        new("transfer_recipients", "transferrecipient", "createdAt", "id", PagesOrCursor, SupportsTimeFilter: false),
        new("dedicated_accounts", "dedicated_account", "created_at", "id", Pages, SupportsTimeFilter: false),
        new("dedicated_account_providers", "dedicated_account/available_providers", "createdAt", "id", StreamPaging.None, SupportsTimeFilter: false),
        new("bulk_charges", "bulkcharge", "createdAt", "id", Pages, SupportsTimeFilter: false),
        // Terminals carry no creation time; the cursor field names what one would be called, and stays empty.
        new("terminals", "terminal", "createdAt", "id", StreamPaging.CursorOnly(), SupportsTimeFilter: false),
        new("virtual_terminals", "virtual_terminal", "created_at", "id", Pages, SupportsTimeFilter: false),
        new("storefronts", "storefront", "createdAt", "id", Pages, SupportsTimeFilter: false),
        new("direct_debit_mandates", "directdebit/mandate-authorizations", "authorized_at", "id",
            StreamPaging.CursorOnly(cursorParameter: "cursor"), SupportsTimeFilter: false),
        new("banks", "bank", "createdAt", "id", PagesOrCursor, SupportsTimeFilter: false),
        // Countries carry no time at all, as terminals.
        new("countries", "country", "createdAt", "id", StreamPaging.None, SupportsTimeFilter: false),
        new("settlement_transactions", "settlement/{id}/transactions", "settlement_createdAt", "id", Pages)
        {
            Parent = new ParentLink("settlements", KeyField: "settlement_id", TimeField: "settlement_createdAt"),
        },
        new("balances", "balance", "read_at", "currency", StreamPaging.None, SupportsTimeFilter: false) { ReadAtField = "read_at" },
    ];

    private static readonly Dictionary<string, StreamDefinition> ByName =
        All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out StreamDefinition definition) =>
        ByName.TryGetValue(name, out definition!);

    public static StreamDefinition Get(string name) =>
        TryGet(name, out var definition)
            ? definition
            : throw new ArgumentException(
                $"Unknown stream '{name}'. Known streams: {string.Join(", ", ByName.Keys)}.", nameof(name));
}
