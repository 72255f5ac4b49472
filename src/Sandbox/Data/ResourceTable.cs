using System.Text.Json.Nodes;
using Paystack.Sandbox.Generators;

namespace Paystack.Sandbox.Data;

/// <summary>
/// One resource's records: the generated ones, addressed by index and never stored, plus a small overlay of records
/// added at run time and field changes. Generated record i has a key (creation time, id) that grows with i, so
/// filters and pages become index arithmetic and binary searches.
/// </summary>
internal sealed class ResourceTable
{
    private const int IdStride = 7;
    private const long AddedIndexBase = 1L << 40;
    private const ulong IdPurpose = 0x1D;

    private readonly int _seed;
    private readonly long _integration;
    private readonly DatasetLinks _links;
    private readonly object _gate = new();
    private readonly List<RecordRef> _added = [];
    private readonly Dictionary<long, RecordRef> _addedById = [];
    private readonly Dictionary<long, Dictionary<string, JsonNode?>> _patches = [];
    private readonly Lazy<long[]>? _amountByDay;
    private readonly long _idBase;
    private long _nextAddedId;

    /// <param name="idOffset">Added to the generator's id base, so the data sets of several accounts share no id.</param>
    public ResourceTable(int seed, long integration, IRecordGenerator generator, long count,
        DateTimeOffset start, DateTimeOffset end, DatasetLinks links, long idOffset = 0)
    {
        _seed = seed;
        _integration = integration;
        _links = links;
        Generator = generator;
        BaseCount = count;
        Timeline = new Timeline(seed, generator.Path, count, start, end);
        _idBase = generator.IdBase + idOffset;
        _nextAddedId = _idBase + (count + 1) * IdStride;
        if (generator is IAmountSource amounts)
            _amountByDay = new Lazy<long[]>(() => BuildDailyAmountPrefix(amounts));
        if (generator is IStatusSource statuses)
            Statuses = new StatusIndex(this, statuses);
    }

    public int Seed => _seed;

    /// <summary>Filtering on <c>status</c>, when the generator computes statuses alone; otherwise null.</summary>
    public StatusIndex? Statuses { get; }

    public IRecordGenerator Generator { get; }

    public string Path => Generator.Path;

    public Timeline Timeline { get; }

    /// <summary>Number of generated records.</summary>
    public long BaseCount { get; }

    public long Count
    {
        get { lock (_gate) return BaseCount + _added.Count; }
    }

    /// <summary>Id of generated record <paramref name="index"/>; strictly increasing with the index, with gaps.</summary>
    public long BaseId(long index) =>
        _idBase + index * IdStride + (long)(RecordRandom.Hash(_seed, Path, index, IdPurpose) % IdStride);

    public RecordKey BaseKey(long index) => new(Timeline.TimeOf(index), BaseId(index));

    public RecordRef BaseRef(long index) => new(index, BaseId(index), Timeline.TimeOf(index));

    public bool TryFind(long id, out RecordRef record)
    {
        var offset = id - _idBase;
        if (offset >= 0)
        {
            var index = offset / IdStride;
            if (index < BaseCount && BaseId(index) == id)
            {
                record = BaseRef(index);
                return true;
            }
        }
        lock (_gate) return _addedById.TryGetValue(id, out record);
    }

    public RecordRef Add(DateTimeOffset createdAt)
    {
        // Real timestamps have whole seconds; keeping that makes boundary filters behave the same for added records.
        var time = new DateTimeOffset(createdAt.UtcTicks - createdAt.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        lock (_gate)
        {
            var record = new RecordRef(AddedIndexBase + _added.Count, _nextAddedId, time);
            _nextAddedId += IdStride;
            var at = _added.BinarySearch(record, RefComparer.Instance);
            _added.Insert(at < 0 ? ~at : at, record);
            _addedById.Add(record.Id, record);
            return record;
        }
    }

    public void Patch(long id, string field, JsonNode? value, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_patches.TryGetValue(id, out var fields)) _patches[id] = fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            fields[field] = value?.DeepClone();
            if (Generator.UpdatedField is { } updated && field != updated)
                fields[updated] = JsonValue.Create(Timestamps.Format(now));
        }
    }

    /// <summary>The record as served to a key of <paramref name="domain"/>, with run-time changes applied.</summary>
    public JsonObject Materialize(RecordRef record, string domain)
    {
        var context = new RecordContext
        {
            Seed = _seed,
            Index = record.Index,
            Id = record.Id,
            CreatedAt = record.CreatedAt,
            Domain = domain,
            Integration = _integration,
            Random = RecordRandom.For(_seed, Path, record.Index),
            Links = _links,
        };
        var json = Generator.Create(context);
        lock (_gate)
        {
            if (_patches.TryGetValue(record.Id, out var fields))
                foreach (var (field, value) in fields)
                    json[field] = value?.DeepClone();
        }
        return json;
    }

    /// <summary>The value <see cref="Patch"/> set on <paramref name="field"/> of record <paramref name="id"/>, if any.</summary>
    public bool TryGetPatch(long id, string field, out JsonNode? value)
    {
        lock (_gate)
        {
            value = null;
            if (!_patches.TryGetValue(id, out var fields) || !fields.TryGetValue(field, out var node)) return false;
            value = node?.DeepClone();
            return true;
        }
    }

    /// <summary>Every record whose <paramref name="field"/> was changed, with its new value.</summary>
    public IReadOnlyList<(long Id, JsonNode? Value)> PatchesOf(string field)
    {
        lock (_gate)
            return _patches.Where(p => p.Value.ContainsKey(field)).Select(p => (p.Key, p.Value[field]?.DeepClone())).ToArray();
    }

    /// <summary>The record with the greatest key below <paramref name="key"/>, generated or added, or null when none is.</summary>
    public RecordRef? LastBelow(RecordKey key)
    {
        var below = FirstBaseIndexAbove(key, strictlyAbove: false) - 1;
        RecordRef? best = below >= 0 ? BaseRef(below) : null;
        lock (_gate)
        {
            var at = _added.BinarySearch(new RecordRef(0, key.Id, key.CreatedAt), RefComparer.Instance);
            var addedBelow = (at < 0 ? ~at : at) - 1;
            if (addedBelow >= 0 && (best is null || _added[addedBelow].Key > best.Value.Key)) best = _added[addedBelow];
        }
        return best;
    }

    /// <summary>The newest record, generated or added, or null when the resource is empty.</summary>
    public RecordRef? Newest()
    {
        RecordRef? best = BaseCount > 0 ? BaseRef(BaseCount - 1) : null;
        lock (_gate)
            if (_added.Count > 0 && (best is null || _added[^1].Key > best.Value.Key)) best = _added[^1];
        return best;
    }

    /// <summary>The records whose creation time is in <paramref name="range"/>, in list order, not yet materialised.</summary>
    public Selection Select(TimeRange range)
    {
        var lo = range.From is { } from ? Timeline.FirstIndexFrom(from, strictlyAfter: !range.FromInclusive) : 0;
        var hi = range.To is { } to ? Timeline.FirstIndexFrom(to, strictlyAfter: range.ToInclusive) : BaseCount;
        hi = Math.Max(lo, hi);
        RecordRef[] overlay;
        lock (_gate)
            overlay = _added.Where(r => range.Contains(r.CreatedAt)).Reverse().ToArray();
        return new Selection(this, lo, hi, overlay);
    }

    /// <summary>First generated index whose key is above (or at, unless <paramref name="strictlyAbove"/>) <paramref name="key"/>.</summary>
    public long FirstBaseIndexAbove(RecordKey key, bool strictlyAbove)
    {
        long lo = 0, hi = BaseCount;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            var cmp = BaseKey(mid).CompareTo(key);
            if (cmp > 0 || (!strictlyAbove && cmp == 0)) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Sum of <c>amount</c> over the selection, or null when the resource has no amount source.</summary>
    public long? SumAmounts(Selection selection)
    {
        if (Generator is not IAmountSource amounts || _amountByDay is null) return null;
        var sum = SumBaseAmounts(amounts, selection.BaseFrom, selection.BaseTo);
        foreach (var added in selection.Overlay) sum += AmountWithPatch(added.Id, amounts.AmountOf(_seed, added.Index));
        lock (_gate)
        {
            foreach (var (id, fields) in _patches)
            {
                if (!fields.ContainsKey("amount") || !TryFindBase(id, out var index)) continue;
                if (index < selection.BaseFrom || index >= selection.BaseTo) continue;
                var original = amounts.AmountOf(_seed, index);
                sum += AmountWithPatchLocked(fields, original) - original;
            }
        }
        return sum;
    }

    private long AmountWithPatch(long id, long original)
    {
        lock (_gate)
            return _patches.TryGetValue(id, out var fields) ? AmountWithPatchLocked(fields, original) : original;
    }

    private static long AmountWithPatchLocked(Dictionary<string, JsonNode?> fields, long original) =>
        fields.TryGetValue("amount", out var node) && node is JsonValue value && value.TryGetValue<long>(out var amount)
            ? amount
            : fields.ContainsKey("amount") ? 0 : original;

    public bool TryFindBase(long id, out long index)
    {
        index = (id - _idBase) / IdStride;
        return id >= _idBase && index < BaseCount && BaseId(index) == id;
    }

    private long SumBaseAmounts(IAmountSource amounts, long from, long to)
    {
        if (from >= to) return 0;
        var prefix = _amountByDay!.Value;
        var firstDay = Timeline.DayOf(from);
        var lastDay = Timeline.DayOf(to - 1);
        if (firstDay == lastDay) return SumDirect(amounts, from, to);
        return SumDirect(amounts, from, Timeline.FirstIndexOfDay(firstDay + 1))
               + (prefix[lastDay] - prefix[firstDay + 1])
               + SumDirect(amounts, Timeline.FirstIndexOfDay(lastDay), to);
    }

    private long SumDirect(IAmountSource amounts, long from, long to)
    {
        long sum = 0;
        for (var i = from; i < to; i++) sum += amounts.AmountOf(_seed, i);
        return sum;
    }

    // prefix[d] = sum of amounts of records created before day d; one long per day, not per record.
    private long[] BuildDailyAmountPrefix(IAmountSource amounts)
    {
        var prefix = new long[Timeline.Days + 1];
        for (var d = 0; d < Timeline.Days; d++)
            prefix[d + 1] = prefix[d] + SumDirect(amounts, Timeline.FirstIndexOfDay(d), Timeline.FirstIndexOfDay(d + 1));
        return prefix;
    }

    private sealed class RefComparer : IComparer<RecordRef>
    {
        public static readonly RefComparer Instance = new();
        public int Compare(RecordRef x, RecordRef y) => x.Key.CompareTo(y.Key);
    }
}
