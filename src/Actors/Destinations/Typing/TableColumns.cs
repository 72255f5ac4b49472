namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// The data columns one stream table has (every column but <c>id</c> and the ones the destination owns), in table
/// order, and the type of its <c>id</c>. Columns a batch adds stay pending until the batch commits, so a batch that
/// fails leaves the list as the table is.
/// </summary>
internal sealed class TableColumns
{
    private readonly List<(string Name, ColumnType Type)> _columns = [];
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private int _committed;

    public TableColumns(ColumnType keyType, IEnumerable<(string Name, ColumnType Type)> columns)
    {
        KeyType = keyType;
        foreach (var (name, type) in columns) Add(name, type);
        _committed = _columns.Count;
    }

    public ColumnType KeyType { get; }

    public int Count => _columns.Count;

    public (string Name, ColumnType Type) this[int ordinal] => _columns[ordinal];

    public IEnumerable<(string Name, ColumnType Type)> All => _columns;

    /// <summary>Columns added since the last <see cref="Commit"/>: the batch's ALTER TABLE ... ADD COLUMN.</summary>
    public IEnumerable<(string Name, ColumnType Type)> Pending => _columns.Skip(_committed);

    public bool TryGetOrdinal(string name, out int ordinal) => _ordinals.TryGetValue(name, out ordinal);

    public int Add(string name, ColumnType type)
    {
        _ordinals.Add(name, _columns.Count);
        _columns.Add((name, type));
        return _columns.Count - 1;
    }

    /// <summary>The pending columns now exist in the table.</summary>
    public void Commit() => _committed = _columns.Count;

    /// <summary>The batch that added the pending columns failed: they do not exist.</summary>
    public void Rollback()
    {
        for (var i = _columns.Count - 1; i >= _committed; i--)
        {
            _ordinals.Remove(_columns[i].Name);
            _columns.RemoveAt(i);
        }
    }
}
