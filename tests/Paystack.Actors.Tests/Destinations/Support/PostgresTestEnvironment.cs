namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>
/// Decides whether PostgreSQL tests can run. They read PAYSTACK_TEST_POSTGRES (exported by .ci/services.sh). Without
/// it they skip on a developer machine, but fail in CI (CI=true), where a missing server is a broken pipeline.
/// </summary>
public static class PostgresTestEnvironment
{
    public const string Variable = "PAYSTACK_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool InCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Why the tests skip, or null when they run (server configured, or CI where they must run).</summary>
    public static string? SkipReason => ConnectionString is null && !InCi
        ? $"PostgreSQL tests need {Variable} (an Npgsql connection string); `source .ci/services.sh start` provides one."
        : null;

    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"CI is set but {Variable} is not: PostgreSQL was not started (see .ci/services.sh), so these tests cannot run.");
}
