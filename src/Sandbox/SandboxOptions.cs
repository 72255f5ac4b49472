namespace Paystack.Sandbox;

/// <summary>
/// How a <see cref="SandboxServer"/> generates its data and behaves. Every setting has a default that mimics
/// api.paystack.co; tests scale the rate limits and windows down.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>Seed of the generated dataset: the same seed and counts always give the same records.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Number of generated records of every resource without an entry in <see cref="Records"/>.</summary>
    public int RecordsPerStream { get; set; } = 200;

    /// <summary>Per-resource record counts, keyed by path (<c>transaction</c>, <c>customer</c>, ...).</summary>
    public IDictionary<string, int> Records { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Earliest creation time of a generated record (inclusive).</summary>
    public DateTimeOffset DataStart { get; set; } = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>End of the creation-time range of generated records (exclusive).</summary>
    public DateTimeOffset DataEnd { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Page size when the request names none (Paystack documents 50).</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest page served; what a bigger <c>perPage</c> gets is <see cref="OversizedPage"/>.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>How a <c>perPage</c> above <see cref="MaxPageSize"/> is answered (Paystack's own behaviour is unverified).</summary>
    public OversizedPage OversizedPage { get; set; } = OversizedPage.Clamp;

    /// <summary>Whether a record created exactly at <c>from</c> is included.</summary>
    public bool FromInclusive { get; set; } = true;

    /// <summary>Whether a record created exactly at <c>to</c> is included (Paystack is reported to treat <c>to</c> as exclusive).</summary>
    public bool ToInclusive { get; set; }

    /// <summary>The test-mode secret key the sandbox accepts; its records carry <c>domain: "test"</c>.</summary>
    public string TestKey { get; set; } = "sk_test_sandbox";

    /// <summary>The live-mode secret key the sandbox accepts; its records carry <c>domain: "live"</c>.</summary>
    public string LiveKey { get; set; } = "sk_live_sandbox";

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> for the test key (Paystack: 100 per 60 s).</summary>
    public int TestRateLimit { get; set; } = 100;

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> for the live key (Paystack: 600 per 60 s).</summary>
    public int LiveRateLimit { get; set; } = 600;

    /// <summary>Length of the rolling rate-limit window, per key.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether answers carry <c>X-RateLimit-Limit/Remaining/Reset</c>. Paystack's docs describe such headers but their
    /// names are unconfirmed; switched off, a client learns of the limit only from a 429 and its <c>Retry-After</c>.
    /// </summary>
    public bool RateLimitHeaders { get; set; } = true;

    /// <summary>
    /// Whether only 429 answers carry <c>X-RateLimit-*</c> (when <see cref="RateLimitHeaders"/> is on). Paystack's docs
    /// describe the headers for a 429; whether other answers carry them is unconfirmed. A client then learns the limit
    /// only by exceeding it.
    /// </summary>
    public bool RateLimitHeadersOnlyOn429 { get; set; }

    /// <summary>Whether <c>X-RateLimit-Reset</c> is the Unix time (seconds) the window resets instead of the seconds left.</summary>
    public bool RateLimitResetAsEpoch { get; set; }

    /// <summary>
    /// Paths whose <c>meta.perPage</c> is echoed as a JSON string rather than a number. The spec types it as a string
    /// on <c>refund</c> and as string-or-integer on customer, paymentrequest and transaction; the default picks
    /// <c>refund</c> and <c>paymentrequest</c> so clients meet both forms, while the documented samples of customer
    /// and transaction (numbers) stay as published.
    /// </summary>
    public ISet<string> PerPageAsString { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "refund", "paymentrequest" };

    /// <summary>
    /// Further accounts, each with its own key, data set, rate limit and request log. The options' own
    /// <see cref="TestKey"/> and <see cref="LiveKey"/> stay one account serving one data set in two domains.
    /// </summary>
    public IList<SandboxAccountOptions> Accounts { get; set; } = new List<SandboxAccountOptions>();

    /// <summary>
    /// Number of accounts generated after <see cref="Accounts"/>: account n has the key
    /// <see cref="GeneratedAccountKey"/>(n) (<c>sk_test_account01</c>, ...), the seed <see cref="Seed"/> + n and the
    /// server's record counts scaled by a factor between 0.5 and 1.5 drawn from that seed, so accounts differ in size.
    /// </summary>
    public int GeneratedAccounts { get; set; }

    /// <summary>Fault injection; mutable while the server runs.</summary>
    public SandboxFaults Faults { get; set; } = new();

    /// <summary>The record count for <paramref name="path"/>: its <see cref="Records"/> entry or <see cref="RecordsPerStream"/>.</summary>
    public int RecordsFor(string path) => Records.TryGetValue(path, out var n) ? n : RecordsPerStream;

    /// <summary>The key of generated account <paramref name="number"/> (1-based): <c>sk_test_account01</c>, ...</summary>
    public static string GeneratedAccountKey(int number) =>
        number >= 1 ? $"sk_test_account{number:D2}" : throw new ArgumentOutOfRangeException(nameof(number), number, "Accounts are numbered from 1.");

    /// <summary>Every account beyond the options' own keys: <see cref="Accounts"/>, then the generated ones.</summary>
    public IReadOnlyList<SandboxAccountOptions> AllAccounts() =>
        Accounts.Concat(Enumerable.Range(1, Math.Max(0, GeneratedAccounts)).Select(Generated)).ToArray();

    private SandboxAccountOptions Generated(int number)
    {
        var seed = unchecked(Seed + number);
        return new SandboxAccountOptions
        {
            Key = GeneratedAccountKey(number),
            Seed = seed,
            RecordScale = 0.5 + Data.RecordRandom.Hash(seed, "account-scale", 0) % 1001 / 1000.0,
        };
    }

    internal void Validate()
    {
        if (RecordsPerStream < 0) throw new ArgumentException($"RecordsPerStream must be zero or more, got {RecordsPerStream}.");
        foreach (var (path, n) in Records)
        {
            if (!Data.Dataset.Paths.Contains(path))
                throw new ArgumentException($"Records has unknown resource '{path}'. Known: {string.Join(", ", Data.Dataset.Paths)}.");
            if (n < 0) throw new ArgumentException($"Records['{path}'] must be zero or more, got {n}.");
        }
        if (DataEnd <= DataStart) throw new ArgumentException($"DataEnd ({DataEnd:O}) must be after DataStart ({DataStart:O}).");
        if (DefaultPageSize < 1) throw new ArgumentException($"DefaultPageSize must be at least 1, got {DefaultPageSize}.");
        if (MaxPageSize < 1) throw new ArgumentException($"MaxPageSize must be at least 1, got {MaxPageSize}.");
        if (TestRateLimit < 1 || LiveRateLimit < 1) throw new ArgumentException("Rate limits must be at least 1 request per window.");
        if (RateLimitWindow <= TimeSpan.Zero) throw new ArgumentException($"RateLimitWindow must be positive, got {RateLimitWindow}.");
        if (string.IsNullOrWhiteSpace(TestKey) || string.IsNullOrWhiteSpace(LiveKey) || TestKey == LiveKey)
            throw new ArgumentException("TestKey and LiveKey must be set and differ.");
        ValidateAccounts();
    }

    private void ValidateAccounts()
    {
        if (GeneratedAccounts < 0) throw new ArgumentException($"GeneratedAccounts must be zero or more, got {GeneratedAccounts}.");
        var keys = new HashSet<string>(StringComparer.Ordinal) { TestKey, LiveKey };
        var accounts = AllAccounts();
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            if (string.IsNullOrWhiteSpace(account.Key) || account.Key.Any(char.IsWhiteSpace))
                throw new ArgumentException("An account's key must be set and hold no spaces.");
            // The key itself stays out of the message: a sandbox key may be shaped like a real one.
            if (!keys.Add(account.Key))
                throw new ArgumentException($"Account {i + 1} repeats the key of an earlier account or of TestKey/LiveKey.");
            if (!double.IsFinite(account.RecordScale) || account.RecordScale < 0)
                throw new ArgumentException($"An account's RecordScale must be zero or more, got {account.RecordScale}.");
            if (account.RateLimit is < 1) throw new ArgumentException($"An account's RateLimit must be at least 1, got {account.RateLimit}.");
        }
    }
}
