namespace Paystack.Actors.Paystack;

/// <summary>Every stream the engine can sync, as data. Adding a stream is adding an entry here.</summary>
public static class StreamCatalog
{
    public static IReadOnlyList<StreamDefinition> All { get; } =
    [
        new("customers", "customer", "createdAt", "id", SupportsCursorPaging: true),
        new("disputes", "dispute", "createdAt", "id", SupportsCursorPaging: false),
        new("invoices", "paymentrequest", "created_at", "id", SupportsCursorPaging: false),
        new("refunds", "refund", "createdAt", "id", SupportsCursorPaging: false),
        new("settlements", "settlement", "createdAt", "id", SupportsCursorPaging: false),
        new("subscriptions", "subscription", "createdAt", "id", SupportsCursorPaging: false),
        new("transactions", "transaction", "createdAt", "id", SupportsCursorPaging: true),
        new("transfers", "transfer", "createdAt", "id", SupportsCursorPaging: true),
        new("plans", "plan", "createdAt", "id", SupportsCursorPaging: false),
        new("products", "product", "createdAt", "id", SupportsCursorPaging: false),
        new("payment_pages", "page", "createdAt", "id", SupportsCursorPaging: false),
        new("orders", "order", "created_at", "id", SupportsCursorPaging: false),
        new("splits", "split", "createdAt", "id", SupportsCursorPaging: false),
        new("balance_ledger", "balance/ledger", "createdAt", "id", SupportsCursorPaging: false),
        new("subaccounts", "subaccount", "createdAt", "id", SupportsCursorPaging: false, SupportsTimeFilter: false),
        new("dedicated_accounts", "dedicated_account", "created_at", "id", SupportsCursorPaging: false, SupportsTimeFilter: false),
        new("bulk_charges", "bulkcharge", "createdAt", "id", SupportsCursorPaging: false, SupportsTimeFilter: false),
        new("virtual_terminals", "virtual_terminal", "created_at", "id", SupportsCursorPaging: false, SupportsTimeFilter: false),
        new("storefronts", "storefront", "createdAt", "id", SupportsCursorPaging: false, SupportsTimeFilter: false),
        new("banks", "bank", "createdAt", "id", SupportsCursorPaging: false, SupportsTimeFilter: false),
        // Countries carry no time at all; the cursor field names what a time would be called, and stays empty.
        new("countries", "country", "createdAt", "id", SupportsCursorPaging: false, SupportsTimeFilter: false),
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
