using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Data;

/// <summary>
/// Filters one resource on <c>status</c> without materialising records: each record's status is computed alone, and
/// the generated records' counts per status are computed once, then corrected for added and changed records.
/// </summary>
internal sealed class StatusIndex
{
    private readonly ResourceTable _table;
    private readonly IStatusSource _source;
    private readonly Lazy<Dictionary<string, long>> _baseCounts;

    public StatusIndex(ResourceTable table, IStatusSource source)
    {
        _table = table;
        _source = source;
        _baseCounts = new Lazy<Dictionary<string, long>>(CountBase);
    }

    public IReadOnlyList<string> Statuses => _source.Statuses;

    /// <summary>The record's status as served, changes through the store included.</summary>
    public string? StatusOf(RecordRef record) =>
        _table.TryGetPatch(record.Id, "status", out var patched) ? AsText(patched) : _source.StatusOf(_table.Seed, record.Index);

    /// <summary>How many records of <paramref name="selection"/> have <paramref name="status"/>.</summary>
    public long Count(Selection selection, string status)
    {
        long count;
        if (selection.BaseFrom == 0 && selection.BaseTo == _table.BaseCount)
        {
            count = _baseCounts.Value.GetValueOrDefault(status);
            foreach (var (id, value) in _table.PatchesOf("status"))
            {
                if (!_table.TryFindBase(id, out var index)) continue;
                if (_source.StatusOf(_table.Seed, index) == status) count--;
                if (AsText(value) == status) count++;
            }
        }
        else
        {
            count = 0;
            for (var i = selection.BaseFrom; i < selection.BaseTo; i++)
                if (StatusOf(_table.BaseRef(i)) == status) count++;
        }
        foreach (var added in selection.Overlay)
            if (StatusOf(added) == status) count++;
        return count;
    }

    private Dictionary<string, long> CountBase()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (long i = 0; i < _table.BaseCount; i++)
        {
            var status = _source.StatusOf(_table.Seed, i);
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }
        return counts;
    }

    private static string? AsText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
