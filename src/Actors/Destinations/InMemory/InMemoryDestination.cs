using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.InMemory;

/// <summary>
/// A destination held in memory with the same write-mode semantics as the database destinations: rows per stream,
/// overwrite staged until the stream completes, dedupe on id. Thread-safe. It outlives an actor system, so a test can
/// "crash" the engine and resume against the same instance.
/// </summary>
public sealed class InMemoryDestination : IDestination
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StreamTable> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (WriteMode Mode, string RunId)> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _writesPerStream = new(StringComparer.Ordinal);
    private readonly HashSet<string> _completed = new(StringComparer.Ordinal);
    private int _writeCount;
    private long _recordsWritten;

    /// <summary>
    /// Runs before each write is applied; a test can delay here (backpressure) or throw (a failing destination).
    /// A write whose hook throws changes nothing.
    /// </summary>
    public Func<StreamDefinition, IReadOnlyList<PaystackRecord>, CancellationToken, Task>? BeforeWriteAsync { get; set; }

    /// <summary>How many WriteAsync calls have completed, over all streams.</summary>
    public int WriteCount
    {
        get { lock (_gate) { return _writeCount; } }
    }

    /// <summary>How many records completed WriteAsync calls carried, over all streams (duplicates included).</summary>
    public long RecordsWritten
    {
        get { lock (_gate) { return _recordsWritten; } }
    }

    /// <summary>The stream names that have a visible table (written or completed at least once).</summary>
    public IReadOnlyCollection<string> Streams
    {
        get { lock (_gate) { return _tables.Where(t => t.Value.Visible.Count > 0 || _completed.Contains(t.Key)).Select(t => t.Key).ToArray(); } }
    }

    /// <summary>The rows a reader of the stream's table sees now (an overwrite's staged rows are not visible yet).</summary>
    public IReadOnlyList<StoredRow> Rows(string streamName)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(streamName, out var table) ? table.Visible.ToArray() : [];
        }
    }

    /// <summary>The ids of <see cref="Rows"/>, in row order.</summary>
    public IReadOnlyList<string> Ids(string streamName) => Rows(streamName).Select(r => r.Id).ToArray();

    /// <summary>The rows an unfinished overwrite has staged for the stream.</summary>
    public IReadOnlyList<StoredRow> StagedRows(string streamName)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(streamName, out var table) && table.Staging is not null
                ? table.Staging.Values.ToArray()
                : [];
        }
    }

    /// <summary>How many WriteAsync calls have completed for one stream.</summary>
    public int WriteCountFor(string streamName)
    {
        lock (_gate) { return _writesPerStream.GetValueOrDefault(streamName); }
    }

    /// <summary>Whether CompleteStreamAsync has run for the stream at least once.</summary>
    public bool IsCompleted(string streamName)
    {
        lock (_gate) { return _completed.Contains(streamName); }
    }

    /// <summary>A lease nobody else can contend for: the instance lives in one process.</summary>
    public Task<DestinationLease> LeaseAsync(string accountId, TimeSpan wait, CancellationToken cancellationToken) =>
        Task.FromResult(new DestinationLease("memory", () => ValueTask.CompletedTask));

    /// <summary>Proves nothing: tests of the engine's own journal keep it as the only record.</summary>
    public Task<DestinationProgress> ReadProgressAsync(StreamDefinition stream, CancellationToken cancellationToken) =>
        Task.FromResult(DestinationProgress.Unverifiable);

    /// <inheritdoc />
    public Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken)
    {
        Tables.ValidateBegin.Arguments(stream, mode, runId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var table = TableFor(stream.Name);
            if (mode == WriteMode.Overwrite)
            {
                // Same run id: a resumed run keeps what it staged, or its swapped table when the swap already
                // happened. Anything else starts the staging afresh.
                if (table.StagingRunId != runId)
                {
                    table.Staging = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
                    table.StagingRunId = runId;
                }
            }
            else
            {
                table.Staging = null;
                table.StagingRunId = null;
                if (mode == WriteMode.AppendDedup)
                {
                    table.DedupeVisible();
                }
            }

            _active[stream.Name] = (mode, runId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<long> WriteAsync(StreamDefinition stream, IReadOnlyList<PaystackRecord> records, string? receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        ActiveFor(stream.Name);
        if (BeforeWriteAsync is { } hook)
        {
            await hook(stream, records, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var (mode, runId) = ActiveFor(stream.Name);
            var table = TableFor(stream.Name);
            foreach (var record in records)
            {
                var row = new StoredRow(record.Id, record.CursorValue, record.Json, runId);
                switch (mode)
                {
                    case WriteMode.Append:
                        table.Visible.Add(row);
                        break;
                    case WriteMode.AppendDedup:
                        table.Upsert(row);
                        break;
                    case WriteMode.Overwrite:
                        table.Staging![record.Id] = row;
                        break;
                }
            }

            _writeCount++;
            _recordsWritten += records.Count;
            _writesPerStream[stream.Name] = _writesPerStream.GetValueOrDefault(stream.Name) + 1;
            return _writesPerStream[stream.Name];
        }
    }

    /// <inheritdoc />
    public Task CompleteStreamAsync(StreamDefinition stream, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var (mode, _) = ActiveFor(stream.Name);
            var table = TableFor(stream.Name);
            if (mode == WriteMode.Overwrite && table.Staging is not null)
            {
                table.Visible = table.Staging.Values.ToList();
                table.Staging = null; // the run id stays: it tells a resumed run that its swap is done
            }

            _active.Remove(stream.Name);
            _completed.Add(stream.Name);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private (WriteMode Mode, string RunId) ActiveFor(string streamName)
    {
        lock (_gate)
        {
            return _active.TryGetValue(streamName, out var active)
                ? active
                : throw new InvalidOperationException(
                    $"Stream '{streamName}' has not been begun: call BeginStreamAsync before writing or completing it.");
        }
    }

    private StreamTable TableFor(string streamName)
    {
        if (!_tables.TryGetValue(streamName, out var table))
        {
            table = new StreamTable();
            _tables[streamName] = table;
        }

        return table;
    }

    /// <summary>One stream's visible rows and, during an overwrite, its staged rows (latest per id).</summary>
    private sealed class StreamTable
    {
        // Position of each id in Visible; kept only while the stream dedupes (rebuilt when dedupe begins).
        private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

        public List<StoredRow> Visible { get; set; } = [];

        public Dictionary<string, StoredRow>? Staging { get; set; }

        public string? StagingRunId { get; set; }

        public void Upsert(StoredRow row)
        {
            if (_positions.TryGetValue(row.Id, out var index))
            {
                Visible[index] = row;
            }
            else
            {
                _positions[row.Id] = Visible.Count;
                Visible.Add(row);
            }
        }

        /// <summary>A table switching to dedupe keeps the latest row of each id, like a new unique key would demand.</summary>
        public void DedupeVisible()
        {
            var rows = Visible;
            Visible = [];
            _positions.Clear();
            foreach (var row in rows)
            {
                Upsert(row);
            }
        }
    }
}
