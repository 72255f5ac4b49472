using Paystack.Sandbox.Generators;

namespace Paystack.Sandbox.Data;

/// <summary>All resources of one sandbox, built from the options; memory grows with days and paths, not records.</summary>
internal sealed class Dataset
{
    private static readonly IRecordGenerator[] Generators =
    [
        new CustomerGenerator(), new DisputeGenerator(), new PaymentRequestGenerator(), new RefundGenerator(),
        new SettlementGenerator(), new SubscriptionGenerator(), new TransactionGenerator(), new TransferGenerator(),
        new PlanGenerator(), new ProductGenerator(), new PaymentPageGenerator(), new OrderGenerator(), new SplitGenerator(),
        new BalanceLedgerGenerator(), new SubaccountGenerator(), new DedicatedAccountGenerator(), new BulkChargeGenerator(),
        new VirtualTerminalGenerator(), new StorefrontGenerator(), new BankGenerator(), new CountryGenerator(),
        new TransferRecipientGenerator(), new TerminalGenerator(), new MandateAuthorizationGenerator(),
        new DedicatedAccountProviderGenerator(),
    ];

    private readonly Dictionary<string, ResourceTable> _tables = new(StringComparer.Ordinal);

    public Dataset(SandboxOptions options)
    {
        var links = new DatasetLinks(options.Seed, options.DataStart, path => _tables.GetValueOrDefault(path));
        var integration = 400_000 + (long)(RecordRandom.Hash(options.Seed, "integration", 0) % 600_000);
        foreach (var generator in Generators)
            _tables[generator.Path] = new ResourceTable(options.Seed, integration, generator,
                options.RecordsFor(generator.Path), options.DataStart, options.DataEnd, links);
    }

    /// <summary>The resource paths, e.g. <c>transaction</c>.</summary>
    public static IReadOnlyList<string> Paths { get; } = Generators.Select(g => g.Path).ToArray();

    public bool TryGet(string path, out ResourceTable table) => _tables.TryGetValue(path, out table!);

    public ResourceTable Get(string path) =>
        _tables.TryGetValue(path, out var table)
            ? table
            : throw new ArgumentException($"Unknown sandbox resource '{path}'. Known: {string.Join(", ", Paths)}.", nameof(path));
}
