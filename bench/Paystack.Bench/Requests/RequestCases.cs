using Paystack.Sandbox;

namespace Paystack.Bench.Requests;

/// <summary>The cases of the <c>requests</c> scenario: issue 13's histories and page sizes.</summary>
public static class RequestCases
{
    private static Dictionary<string, int> Each(int records, params string[] paths) => paths.ToDictionary(p => p, _ => records);

    private static readonly string[] Two = ["transaction", "customer"];

    private static readonly string[] Eight =
        ["customer", "dispute", "paymentrequest", "refund", "settlement", "subscription", "transaction", "transfer"];

    public static IReadOnlyList<RequestCase> All { get; } =
    [
        new("dense: 12,000 x 2 streams over 2 years, start_date 10 years back", Each(12_000, Two), 2, 10),
        new("sparse: 2,000 x 2 streams in the last year, start_date 10 years back", Each(2_000, Two), 1, 10),
        new("sparse, 90-day windows (the former default)", Each(2_000, Two), 1, 10, WindowLength: TimeSpan.FromDays(90)),
        new("empty: 8 streams, start_date 8 years back", Each(0, Eight), 1, 8),
        new("empty, 90-day windows (the former default)", Each(0, Eight), 1, 8, WindowLength: TimeSpan.FromDays(90)),
        new("incremental: 1% new records after 2,000 x 2", Each(2_000, Two), 2, 10, Before: RequestCase.Prior.EarlierRunAndOnePercentNew),
        new("lookback 30 days: 2,000 x 2 over the last year", Each(2_000, Two), 1, 10, Before: RequestCase.Prior.EarlierRun, LookbackDays: 30),
        new("page size: server serves 100 (clamps), asked 200", Each(6_000, "transaction"), 2, 10, MaxPageSize: 100),
        new("page size: server serves 100 (clamps, meta echoes 200)", Each(6_000, "transaction"), 2, 10, MaxPageSize: 100, Oversized: OversizedPage.ClampHidden),
        new("page size: server refuses more than 100 (400)", Each(6_000, "transaction"), 2, 10, MaxPageSize: 100, Oversized: OversizedPage.Refuse),
        new("page size: server serves up to 500, asked 200", Each(6_000, "transaction"), 2, 10, MaxPageSize: 500),
    ];
}
