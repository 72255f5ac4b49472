namespace Paystack.Sandbox;

/// <summary>
/// Misbehaviour injected into requests that passed authentication and the rate limit. Every property can be changed
/// while the server runs (reads and writes are atomic), so a test can switch faults on mid-run. The rates are
/// fractions in [0, 1] and together should not exceed 1; each request draws once and gets at most one fault.
/// </summary>
public sealed class SandboxFaults
{
    private long _latencyTicks;
    private long _jitterTicks;
    private double _serverErrorRate;
    private double _resetRate;
    private double _truncatedRate;
    private double _htmlErrorRate;
    private int _newRecordsPerRequest;
    private int _rejectedCursors;
    private double _pageCountFactor = 1;
    private SchemaDrift? _drift;
    private int _silentAfterRequests = -1;
    private long _admitted;
    private volatile bool _pageCountRunsAhead;
    private volatile bool _recordsWithoutIdentity;
    private readonly object _seedGate = new();
    private int? _seed;

    /// <summary>Delay added before every answer.</summary>
    public TimeSpan Latency { get => TimeSpan.FromTicks(Volatile.Read(ref _latencyTicks)); set => Volatile.Write(ref _latencyTicks, NonNegative(value, nameof(Latency)).Ticks); }

    /// <summary>Extra random delay, uniform in [0, LatencyJitter], added to <see cref="Latency"/>.</summary>
    public TimeSpan LatencyJitter { get => TimeSpan.FromTicks(Volatile.Read(ref _jitterTicks)); set => Volatile.Write(ref _jitterTicks, NonNegative(value, nameof(LatencyJitter)).Ticks); }

    /// <summary>Fraction of requests answered 500, 502 or 503 with a Paystack JSON error body.</summary>
    public double ServerErrorRate { get => Volatile.Read(ref _serverErrorRate); set => Volatile.Write(ref _serverErrorRate, Rate(value, nameof(ServerErrorRate))); }

    /// <summary>Fraction of requests whose connection is aborted without an answer.</summary>
    public double ResetRate { get => Volatile.Read(ref _resetRate); set => Volatile.Write(ref _resetRate, Rate(value, nameof(ResetRate))); }

    /// <summary>Fraction of requests answered 200 whose JSON body is cut off half-way.</summary>
    public double TruncatedRate { get => Volatile.Read(ref _truncatedRate); set => Volatile.Write(ref _truncatedRate, Rate(value, nameof(TruncatedRate))); }

    /// <summary>Fraction of requests answered with an HTML error page, like a 502 from a proxy in front of the API.</summary>
    public double HtmlErrorRate { get => Volatile.Read(ref _htmlErrorRate); set => Volatile.Write(ref _htmlErrorRate, Rate(value, nameof(HtmlErrorRate))); }

    /// <summary>Each list request first creates this many records of its resource, created "now" (data arriving during a sync).</summary>
    public int NewRecordsPerRequest
    {
        get => Volatile.Read(ref _newRecordsPerRequest);
        set => Volatile.Write(ref _newRecordsPerRequest, value >= 0 ? value : throw new ArgumentException($"NewRecordsPerRequest must be zero or more, got {value}."));
    }

    /// <summary>
    /// The next this-many list requests that carry a cursor token are refused with 400 "Invalid cursor", as Paystack
    /// would refuse a token it no longer honours.
    /// </summary>
    public int RejectedCursors
    {
        get => Volatile.Read(ref _rejectedCursors);
        set => Volatile.Write(ref _rejectedCursors, value >= 0 ? value : throw new ArgumentException($"RejectedCursors must be zero or more, got {value}."));
    }

    /// <summary>
    /// Numbered pages report <c>meta.pageCount</c> times this (at least 1) while <c>meta.total</c> and the data stay
    /// true: above 1 a count that would page on for nothing, below 1 one that would stop with records unread.
    /// </summary>
    public double PageCountFactor
    {
        get => Volatile.Read(ref _pageCountFactor);
        set => Volatile.Write(ref _pageCountFactor, value > 0 ? value : throw new ArgumentException($"PageCountFactor must be above zero, got {value}."));
    }

    /// <summary>Records served with a field no schema declares and a value of the wrong type; null serves them as generated.</summary>
    public SchemaDrift? Drift { get => Volatile.Read(ref _drift); set => Volatile.Write(ref _drift, value); }
    /// <summary>
    /// Requests admitted after the first this-many are accepted and never answered (null: all are answered), like a
    /// server that hangs mid-run. Counted from when it is set.
    /// </summary>
    public int? SilentAfterRequests
    {
        get => Volatile.Read(ref _silentAfterRequests) is var n and >= 0 ? n : null;
        set
        {
            Interlocked.Exchange(ref _admitted, 0);
            Volatile.Write(ref _silentAfterRequests, value is null ? -1 : value >= 0 ? value.Value
                : throw new ArgumentException($"SilentAfterRequests must be zero or more, got {value}."));
        }
    }

    /// <summary>Numbered pages report <c>meta.pageCount</c> as at least one more than the page asked for: a count that grows on every page.</summary>
    public bool PageCountRunsAhead { get => _pageCountRunsAhead; set => _pageCountRunsAhead = value; }

    /// <summary>Records of numbered pages come without <c>id</c> and without their creation time.</summary>
    public bool RecordsWithoutIdentity { get => _recordsWithoutIdentity; set => _recordsWithoutIdentity = value; }

    /// <summary>Counts an admitted request; true when <see cref="SilentAfterRequests"/> says it is never to be answered.</summary>
    internal bool StaysSilent()
    {
        var limit = Volatile.Read(ref _silentAfterRequests);
        return limit >= 0 && Interlocked.Increment(ref _admitted) > limit;
    }

    /// <summary>Takes one refusal from <see cref="RejectedCursors"/>, if any is left.</summary>
    internal bool TryRejectCursor()
    {
        for (var left = RejectedCursors; left > 0; left = RejectedCursors)
            if (Interlocked.CompareExchange(ref _rejectedCursors, left - 1, left) == left) return true;
        return false;
    }

    /// <summary>Seed of the fault dice; null uses the dataset seed. Setting it restarts the dice.</summary>
    public int? Seed
    {
        get { lock (_seedGate) return _seed; }
        set { lock (_seedGate) { _seed = value; SeedVersion++; } }
    }

    internal int SeedVersion { get; private set; }

    /// <summary>Switches every fault off.</summary>
    public void Clear()
    {
        Latency = TimeSpan.Zero;
        LatencyJitter = TimeSpan.Zero;
        ServerErrorRate = ResetRate = TruncatedRate = HtmlErrorRate = 0;
        NewRecordsPerRequest = 0;
        RejectedCursors = 0;
        PageCountFactor = 1;
        Drift = null;
        SilentAfterRequests = null;
        PageCountRunsAhead = RecordsWithoutIdentity = false;
    }

    private static double Rate(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentException($"{name} is a fraction between 0 and 1, got {value}.");

    private static TimeSpan NonNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentException($"{name} cannot be negative, got {value}.");
}
