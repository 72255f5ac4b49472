namespace Paystack.Host.Tests.Read;

/// <summary>The Airbyte stream names, their sandbox paths and cursor fields.</summary>
public static class ReadStreams
{
    public static IReadOnlyDictionary<string, string> PathOf { get; } = new Dictionary<string, string>
    {
        ["customers"] = "customer",
        ["disputes"] = "dispute",
        ["invoices"] = "paymentrequest",
        ["refunds"] = "refund",
        ["settlements"] = "settlement",
        ["subscriptions"] = "subscription",
        ["transactions"] = "transaction",
        ["transfers"] = "transfer",
    };

    public static IEnumerable<string> All => PathOf.Keys;

    public static string CursorFieldOf(string stream) => Paystack.Actors.Paystack.StreamCatalog.Get(stream).CursorField;
}
