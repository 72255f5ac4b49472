namespace Paystack.Host.Serve;

/// <summary>The last log lines, for <c>GET /admin/logs</c>. Fed with text that already passed the secret redaction.</summary>
internal sealed class LogRing(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public int Capacity { get; } = capacity;

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == Capacity) _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    /// <summary>The newest <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (_gate)
        {
            var skip = Math.Max(0, _lines.Count - count);
            return _lines.Skip(skip).ToList();
        }
    }
}
