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

    /// <summary>The data set of the options' own keys: their seed and counts.</summary>
    public Dataset(SandboxOptions options)
        : this(options.Seed, options.RecordsFor, options.DataStart, options.DataEnd, idOffset: 0)
    {
    }

    /// <summary>
    /// A data set from <paramref name="seed"/> with <paramref name="recordsFor"/> records per path, its ids
    /// <paramref name="idOffset"/> above the generators' bases.
    /// </summary>
    public Dataset(int seed, Func<string, int> recordsFor, DateTimeOffset dataStart, DateTimeOffset dataEnd, long idOffset)
    {
        Seed = seed;
        var links = new DatasetLinks(seed, dataStart, path => _tables.GetValueOrDefault(path));
        var integration = 400_000 + (long)(RecordRandom.Hash(seed, "integration", 0) % 600_000);
        foreach (var generator in Generators)
            _tables[generator.Path] = new ResourceTable(seed, integration, generator,
                recordsFor(generator.Path), dataStart, dataEnd, links, idOffset);
    }

    /// <summary>The seed every record and the balance are computed from.</summary>
    public int Seed { get; }

    /// <summary>The resource paths, e.g. <c>transaction</c>.</summary>
    public static IReadOnlyList<string> Paths { get; } = Generators.Select(g => g.Path).ToArray();

    public bool TryGet(string path, out ResourceTable table) => _tables.TryGetValue(path, out table!);

    public ResourceTable Get(string path) =>
        _tables.TryGetValue(path, out var table)
            ? table
            : throw new ArgumentException($"Unknown sandbox resource '{path}'. Known: {string.Join(", ", Paths)}.", nameof(path));
}
