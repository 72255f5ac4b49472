using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox;

/// <summary>
/// The sandbox's records, for tests: read what the API serves, add records and change fields while it runs.
/// Resources are keyed by path: <c>customer</c>, <c>dispute</c>, <c>paymentrequest</c>, <c>refund</c>,
/// <c>settlement</c>, <c>subscription</c>, <c>transaction</c>, <c>transfer</c> and the others in <see cref="Paths"/>
/// (e.g. <c>terminal</c>, <c>directdebit/mandate-authorizations</c>). Ids are decimal text.
/// Generated records are computed on demand, so a dataset of millions costs almost no memory. Thread-safe.
/// </summary>
public sealed class SandboxStore
{
    private readonly Dataset _dataset;
    private readonly TimeProvider _clock;

    internal SandboxStore(Dataset dataset, TimeProvider clock)
    {
        _dataset = dataset;
        _clock = clock;
    }

    /// <summary>The resource paths the sandbox serves.</summary>
    public static IReadOnlyList<string> Paths => Dataset.Paths;

    /// <summary>
    /// Ids of the records created in [<paramref name="from"/>, <paramref name="to"/>) (half-open, whatever the HTTP
    /// boundary switches say), newest first with ties broken by id descending: the order the API lists them in.
    /// </summary>
    public IReadOnlyList<string> Ids(string path, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var selection = _dataset.Get(path).Select(TimeRange.HalfOpen(from, to));
        if (selection.Total > int.MaxValue) throw new InvalidOperationException($"{selection.Total} ids are too many to list; narrow from/to.");
        return selection.Slice(0, (int)selection.Total).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Number of records of <paramref name="path"/>, generated plus added.</summary>
    public long Count(string path) => _dataset.Get(path).Count;

    /// <summary>Number of records of <paramref name="path"/> created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long Count(string path, DateTimeOffset? from, DateTimeOffset? to) =>
        _dataset.Get(path).Select(TimeRange.HalfOpen(from, to)).Total;

    /// <summary>
    /// Creates a realistic record created at <paramref name="createdAt"/> (default: now; truncated to whole seconds
    /// like real timestamps) and returns its id, which is higher than every existing id.
    /// </summary>
    public string Add(string path, DateTimeOffset? createdAt = null) =>
        _dataset.Get(path).Add(createdAt ?? _clock.GetUtcNow()).Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Sets a top-level field of a record (null value = JSON null), e.g. a refund's <c>status</c>. The record's
    /// <c>updatedAt</c> moves to now when the resource has one. <c>id</c> and the creation-time fields cannot change.
    /// </summary>
    public void Update(string path, string id, string field, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        if (field is "id" or "createdAt" or "created_at")
            throw new ArgumentException($"Field '{field}' identifies or orders the record and cannot be changed.", nameof(field));
        var table = _dataset.Get(path);
        var record = Find(table, id);
        table.Patch(record.Id, field, value, _clock.GetUtcNow());
    }

    /// <summary>The record's JSON as the API serves it to the test key, or null when there is no such record.</summary>
    public string? Get(string path, string id)
    {
        var table = _dataset.Get(path);
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && table.TryFind(n, out var record)
            ? table.Materialize(record, "test").ToJsonString(JsonOptions)
            : null;
    }

    /// <summary>
    /// Ids of the transactions settlement <paramref name="settlementId"/> pays out, in the order
    /// <c>GET /settlement/{id}/transactions</c> serves them: each transaction belongs to the first settlement created at
    /// or after it, so no transaction is in two settlements and those after the newest settlement are in none.
    /// </summary>
    public IReadOnlyList<string> SettlementTransactionIds(string settlementId)
    {
        var settlements = _dataset.Get(SettlementMembership.SettlementPath);
        var range = SettlementMembership.RangeOf(settlements, Find(settlements, settlementId));
        var selection = _dataset.Get(SettlementMembership.TransactionPath).Select(range);
        if (selection.Total > int.MaxValue) throw new InvalidOperationException($"{selection.Total} ids are too many to list.");
        return selection.Slice(0, (int)selection.Total).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The record's creation time.</summary>
    public DateTimeOffset CreatedAt(string path, string id) => Find(_dataset.Get(path), id).CreatedAt;

    private static RecordRef Find(ResourceTable table, string id)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && table.TryFind(n, out var record))
            return record;
        throw new KeyNotFoundException($"No {table.Path} record with id '{id}'.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
