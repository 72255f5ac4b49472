using System.Text.Json.Nodes;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// Lets a generator point at records of other resources (a refund's transaction, a transaction's customer), so
/// nested objects carry ids and details of records the sandbox really serves.
/// </summary>
internal sealed class DatasetLinks
{
    private readonly int _seed;
    private readonly DateTimeOffset _dataStart;
    private readonly Func<string, ResourceTable?> _table;

    public DatasetLinks(int seed, DateTimeOffset dataStart, Func<string, ResourceTable?> table)
    {
        _seed = seed;
        _dataStart = dataStart;
        _table = table;
    }

    /// <summary>Plans exist before the data starts; each plan keeps one creation time.</summary>
    public DateTimeOffset PlanCreatedAt(int planIndex) =>
        _dataStart.AddSeconds(-(long)(RecordRandom.Hash(_seed, "plan", planIndex) % (86_400UL * 60)));

    /// <summary>A customer who already existed at <paramref name="time"/> (any customer when none did).</summary>
    public Person CustomerBefore(DateTimeOffset time, RecordRandom random)
    {
        var customers = _table("customer");
        if (customers is null || customers.BaseCount == 0) return Person.Create(_seed, random.Between(0, 1000), 0);
        var existing = customers.Timeline.FirstIndexFrom(time, strictlyAfter: true);
        var index = existing > 0 ? random.Between(0, existing) : random.Between(0, customers.BaseCount);
        return CustomerAt(index);
    }

    /// <summary>
    /// A transfer recipient that already existed at <paramref name="time"/> (the oldest when none did), as a transfer
    /// nests it; null when the dataset has no recipients.
    /// </summary>
    public JsonObject? RecipientBefore(DateTimeOffset time, RecordRandom random, string domain, long integration)
    {
        var recipients = _table("transferrecipient");
        if (recipients is null || recipients.BaseCount == 0) return null;
        var existing = recipients.Timeline.FirstIndexFrom(time, strictlyAfter: true);
        var index = existing > 0 ? random.Between(0, existing) : 0;
        return TransferRecipientGenerator.Build(_seed, index, recipients.BaseId(index), recipients.Timeline.TimeOf(index), domain, integration);
    }

    public Person CustomerAt(long index)
    {
        var customers = _table("customer");
        return Person.Create(_seed, index, customers?.BaseId(index) ?? 0);
    }

    /// <summary>A transaction created shortly before <paramref name="time"/>, or null when there is none.</summary>
    public long? TransactionIndexBefore(DateTimeOffset time, RecordRandom random)
    {
        var transactions = _table("transaction");
        if (transactions is null || transactions.BaseCount == 0) return null;
        var existing = transactions.Timeline.FirstIndexFrom(time, strictlyAfter: false);
        if (existing == 0) return null;
        return random.Between(Math.Max(0, existing - 500), existing);
    }

    /// <summary>The generated transaction at <paramref name="index"/>, as served to <paramref name="domain"/>.</summary>
    public JsonObject Transaction(long index, string domain)
    {
        var transactions = _table("transaction")!;
        return transactions.Materialize(transactions.BaseRef(index), domain);
    }

    public long TransactionId(long index) => _table("transaction")!.BaseId(index);
}
