namespace Paystack.Sandbox.Data;

/// <summary>
/// The records matching one list request, newest first: generated indices [BaseFrom, BaseTo) merged with the
/// matching run-time additions. Pages are computed by position without materialising anything before them.
/// </summary>
internal sealed class Selection
{
    private readonly ResourceTable _table;
    private readonly long[] _overlayPositions; // merged position of each overlay record, ascending

    public Selection(ResourceTable table, long baseFrom, long baseTo, RecordRef[] overlayNewestFirst)
    {
        _table = table;
        BaseFrom = baseFrom;
        BaseTo = baseTo;
        Overlay = overlayNewestFirst;
        _overlayPositions = new long[Overlay.Length];
        for (var j = 0; j < Overlay.Length; j++)
            _overlayPositions[j] = BaseAbove(Overlay[j].Key, strictlyAbove: true) + j;
    }

    public long BaseFrom { get; }

    public long BaseTo { get; }

    public RecordRef[] Overlay { get; }

    public long Total => BaseTo - BaseFrom + Overlay.Length;

    /// <summary>Up to <paramref name="count"/> records starting at merged position <paramref name="offset"/>.</summary>
    public IReadOnlyList<RecordRef> Slice(long offset, int count)
    {
        var end = Math.Min(Total, offset + count);
        var result = new List<RecordRef>((int)Math.Max(0, end - offset));
        var j = 0; // overlay records before position q
        while (j < _overlayPositions.Length && _overlayPositions[j] < offset) j++;
        for (var q = offset; q < end; q++)
        {
            if (j < _overlayPositions.Length && _overlayPositions[j] == q)
            {
                result.Add(Overlay[j++]);
                continue;
            }
            var baseRank = q - j; // generated records before q, newest first
            result.Add(_table.BaseRef(BaseTo - 1 - baseRank));
        }
        return result;
    }

    /// <summary>How many selected records sort above <paramref name="key"/> (or at it, unless <paramref name="strictlyAbove"/>).</summary>
    public long CountAbove(RecordKey key, bool strictlyAbove)
    {
        long overlay = 0;
        foreach (var r in Overlay)
            if (strictlyAbove ? r.Key > key : r.Key >= key) overlay++;
        return BaseAbove(key, strictlyAbove) + overlay;
    }

    private long BaseAbove(RecordKey key, bool strictlyAbove)
    {
        if (BaseTo <= BaseFrom) return 0;
        if (_table.BaseKey(BaseTo - 1) < key || (strictlyAbove && _table.BaseKey(BaseTo - 1) == key)) return 0;
        var first = Math.Clamp(_table.FirstBaseIndexAbove(key, strictlyAbove), BaseFrom, BaseTo);
        return BaseTo - first;
    }
}
