namespace Paystack.Sandbox;

/// <summary>Every request the sandbox saw, in arrival order; thread-safe.</summary>
public sealed class SandboxRequestLog
{
    private readonly object _gate = new();
    private readonly List<SandboxRequest> _entries = [];

    /// <summary>A snapshot of all entries.</summary>
    public IReadOnlyList<SandboxRequest> Entries
    {
        get { lock (_gate) return _entries.ToArray(); }
    }

    /// <summary>Number of entries, optionally only those for <paramref name="path"/> and/or with <paramref name="status"/>.</summary>
    public int Count(string? path = null, int? status = null)
    {
        lock (_gate)
            return _entries.Count(e => (path is null || e.Path == path.TrimStart('/')) && (status is null || e.StatusCode == status));
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    internal void Add(SandboxRequest entry)
    {
        lock (_gate) _entries.Add(entry);
    }
}
